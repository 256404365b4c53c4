import type { ReactNode } from "react";

/** A centred page for 403, 404 and error states. */
export function StatusPage({
  code,
  title,
  description,
  icon,
  children,
}: {
  code?: string;
  title: string;
  description: ReactNode;
  icon?: ReactNode;
  children?: ReactNode;
}) {
  return (
    <div className="flex min-h-[70vh] items-center justify-center px-4 py-16">
      <div className="w-full max-w-lg text-center">
        {icon ? <div className="mb-4 flex justify-center text-zinc-400">{icon}</div> : null}
        {code ? <p className="font-mono text-sm font-semibold text-zinc-500">{code}</p> : null}
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-zinc-900">{title}</h1>
        <div className="mt-2 text-sm text-zinc-600">{description}</div>
        {children ? <div className="mt-6 flex justify-center gap-2">{children}</div> : null}
      </div>
    </div>
  );
}
