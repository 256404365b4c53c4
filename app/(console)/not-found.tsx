import Link from "next/link";
import { StatusPage } from "@/components/shell/status-page";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <StatusPage code="404" title="Not found" description="This item does not exist, or you cannot see it.">
      <Link href="/" className={buttonClass("primary")}>
        Back to overview
      </Link>
    </StatusPage>
  );
}
