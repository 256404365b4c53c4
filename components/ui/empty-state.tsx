import type { ReactNode } from "react";
import { cn } from "./cn";

export function EmptyState({
  title,
  children,
  icon,
  action,
  className,
}: {
  title: ReactNode;
  children?: ReactNode;
  icon?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div className={cn("flex flex-col items-center justify-center px-6 py-14 text-center", className)}>
      {icon ? <div className="mb-3 text-zinc-400">{icon}</div> : null}
      <p className="text-sm font-semibold text-zinc-900">{title}</p>
      {children ? <div className="mt-1 max-w-md text-sm text-zinc-500">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
