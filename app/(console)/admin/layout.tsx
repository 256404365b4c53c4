import type { ReactNode } from "react";
import { requireRole } from "@/lib/auth/viewer";

/**
 * One role check for everything under /admin: others get the 403 page (forbidden()), before any
 * admin page's data is read. Each admin page and action still checks again (pages render in
 * parallel with this layout), and RLS stays the last word.
 */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  await requireRole("ADMIN");
  return children;
}
