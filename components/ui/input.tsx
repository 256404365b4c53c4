import type { ComponentProps } from "react";
import { cn } from "./cn";

const inputBase =
  "block rounded-md border border-zinc-300 bg-white px-3 text-sm text-zinc-900 shadow-xs placeholder:text-zinc-400 focus-visible:border-brand-600 disabled:bg-zinc-100 aria-[invalid=true]:border-red-500";

/** The input look; a height or width given by the caller replaces the default one (h-9, w-full). */
export function inputClass(className?: string) {
  const c = className ?? "";
  return cn(inputBase, /(^|\s)h-/.test(c) ? null : "h-9", /(^|\s)w-/.test(c) ? null : "w-full", c);
}

export function Input({ className, ...props }: ComponentProps<"input">) {
  return <input className={inputClass(className)} {...props} />;
}

export function Select({ className, ...props }: ComponentProps<"select">) {
  return <select className={inputClass(cn("pr-2", className))} {...props} />;
}

export function Checkbox({ className, ...props }: Omit<ComponentProps<"input">, "type">) {
  return <input type="checkbox" className={cn("size-4 rounded border-zinc-300 accent-zinc-900", className)} {...props} />;
}

export function Label({ className, ...props }: ComponentProps<"label">) {
  return <label className={cn("block text-sm font-medium text-zinc-800", className)} {...props} />;
}
