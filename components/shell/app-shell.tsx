import Link from "next/link";
import type { ReactNode } from "react";
import type { UserRole } from "@/lib/validation/users";
import { MobileMenu } from "./mobile-menu";
import { NavLinks } from "./nav-links";
import { RoleBadge } from "./role-badge";
import { SignOutButton } from "./sign-out-button";

type SignOutAction = () => Promise<{ ok: boolean; message?: string }>;

function Brand() {
  return (
    <Link href="/" className="flex items-center gap-2 rounded-md px-2 py-1 text-sm font-semibold tracking-tight text-zinc-900">
      <span aria-hidden="true" className="grid size-6 place-items-center rounded-md bg-zinc-900 text-[11px] font-bold text-white">
        AC
      </span>
      Agent Console
    </Link>
  );
}

function ViewerCard({ email, role, signOut }: { email: string; role: UserRole; signOut: SignOutAction }) {
  return (
    <div className="space-y-2">
      <div className="px-2">
        <p className="text-xs text-zinc-500">Signed in as</p>
        <p data-testid="viewer-email" className="truncate text-sm font-medium text-zinc-900" title={email}>
          {email}
        </p>
        <p className="mt-1" data-testid="viewer-role">
          <RoleBadge role={role} />
        </p>
      </div>
      <Link
        href="/account/email"
        className="flex w-full items-center gap-2 rounded-md px-2 py-1.5 text-sm text-zinc-600 hover:bg-zinc-200/50 hover:text-zinc-900"
      >
        Change email
      </Link>
      <SignOutButton action={signOut} />
    </div>
  );
}

/** The signed-in frame: sidebar navigation for the viewer's role, who is signed in, and sign-out. */
export function AppShell({
  email,
  role,
  signOut,
  children,
}: {
  email: string;
  role: UserRole;
  signOut: SignOutAction;
  children: ReactNode;
}) {
  return (
    <div className="min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>

      {/* Small screens: a bar with the menu behind a disclosure. */}
      <header className="flex items-center justify-between border-b border-zinc-200 bg-white px-4 py-2 md:hidden">
        <Brand />
        <MobileMenu role={role}>
          <ViewerCard email={email} role={role} signOut={signOut} />
        </MobileMenu>
      </header>

      <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col border-r border-zinc-200 bg-zinc-100/70 md:flex">
        <div className="flex h-14 items-center border-b border-zinc-200 px-3">
          <Brand />
        </div>
        <div className="flex-1 overflow-y-auto px-3 py-4">
          <NavLinks role={role} />
        </div>
        <div className="border-t border-zinc-200 p-3">
          <ViewerCard email={email} role={role} signOut={signOut} />
        </div>
      </aside>

      <main id="main" className="md:pl-60">
        <div className="mx-auto max-w-6xl px-4 py-8 sm:px-8">{children}</div>
      </main>
    </div>
  );
}
