import Link from "next/link";
import { StatusPage } from "@/components/shell/status-page";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Access denied" };

/** 403 outside the signed-in shell (the shell has its own, app/(console)/forbidden.tsx). */
export default function Forbidden() {
  return (
    <StatusPage code="403" title="You do not have access to this page" description="Your role does not include this part of the console.">
      <Link href="/" className={buttonClass("primary")}>
        Go to the console
      </Link>
    </StatusPage>
  );
}
