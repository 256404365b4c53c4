import type { ReactNode } from "react";

/** Public pages (sign-in, sign-up, waiting for approval): a centred card, no navigation. */
export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-zinc-50 px-4 py-12">
      <div className="mb-6 flex items-center gap-2 text-base font-semibold tracking-tight text-zinc-900">
        <span aria-hidden="true" className="grid size-7 place-items-center rounded-md bg-zinc-900 text-xs font-bold text-white">
          AC
        </span>
        Agent Console
      </div>
      <main className="w-full max-w-sm">{children}</main>
    </div>
  );
}
