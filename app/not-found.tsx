import Link from "next/link";
import { connection } from "next/server";
import { StatusPage } from "@/components/shell/status-page";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Page not found" };

export default async function NotFound() {
  // Rendered per request, not prerendered: Next stamps its scripts with the CSP nonce of the
  // request (middleware.ts), which a build-time page cannot carry.
  await connection();
  return (
    <StatusPage code="404" title="Page not found" description="There is no page at this address, or it has moved.">
      <Link href="/" className={buttonClass("primary")}>
        Go to the console
      </Link>
    </StatusPage>
  );
}
