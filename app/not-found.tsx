import Link from "next/link";
import { StatusPage } from "@/components/shell/status-page";
import { buttonClass } from "@/components/ui/button";

export const metadata = { title: "Page not found" };

export default function NotFound() {
  return (
    <StatusPage code="404" title="Page not found" description="There is no page at this address, or it has moved.">
      <Link href="/" className={buttonClass("primary")}>
        Go to the console
      </Link>
    </StatusPage>
  );
}
