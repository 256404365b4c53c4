import Link from "next/link";
import { StatusPage } from "@/components/shell/status-page";
import { buttonClass } from "@/components/ui/button";
import { ShieldIcon } from "@/components/ui/icons";

export const metadata = { title: "Access denied" };

/** 403 inside the shell: the navigation stays, the page's data is never loaded. */
export default function Forbidden() {
  return (
    <StatusPage
      code="403"
      title="You do not have access to this page"
      icon={<ShieldIcon size={36} />}
      description="This part of the console needs a role your account does not have. Ask an administrator if you need it."
    >
      <Link href="/" className={buttonClass("primary")}>
        Back to overview
      </Link>
    </StatusPage>
  );
}
