import Link from "next/link";
import { navFor } from "@/components/shell/nav-items";
import { ChevronRightIcon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/viewer";

export const metadata = { title: "Admin" };

export default async function AdminPage() {
  await requireRole("ADMIN");
  const admin = navFor("ADMIN").find((s) => s.id === "admin");
  return (
    <>
      <PageHeader title="Admin" description="Manage accounts, configuration and logs." />
      <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        {admin?.items.map((item) => {
          const Icon = item.icon;
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                prefetch={false}
                className="group flex items-center gap-3 rounded-lg border border-zinc-200 bg-white p-4 shadow-xs hover:border-zinc-300"
              >
                <span className="grid size-8 place-items-center rounded-md bg-zinc-100 text-zinc-600">
                  <Icon />
                </span>
                <span className="flex-1 text-sm font-medium">{item.label}</span>
                <ChevronRightIcon className="text-zinc-300 group-hover:text-zinc-500" />
              </Link>
            </li>
          );
        })}
      </ul>
    </>
  );
}
