import Link from "next/link";
import { redirect } from "next/navigation";
import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/viewer";
import { loginNotice } from "@/lib/validation/account";
import { safeNextPath } from "@/lib/validation/auth";
import { firstParam } from "@/lib/validation/data-table";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const next = safeNextPath(firstParam(params.next));
  // A fixed text chosen by code (a link from /auth/confirm or the new-password page), never the URL's words.
  const notice = loginNotice(firstParam(params.notice));
  const viewer = await getViewer();
  if (viewer) redirect(viewer.role === "PENDING" ? "/pending" : (next ?? "/"));

  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-zinc-500">Use your console account.</p>
      {notice ? (
        <Alert tone={notice.tone} className="mt-4">
          {notice.text}
        </Alert>
      ) : null}
      <div className="mt-5">
        <SignInForm next={next ?? undefined} />
      </div>
      <p className="mt-4 text-center text-sm">
        <Link href="/forgot-password" className="text-zinc-600 underline underline-offset-2 hover:text-zinc-900">
          Forgot password?
        </Link>
      </p>
      <p className="mt-3 text-center text-sm text-zinc-500">
        No account yet?{" "}
        <Link href="/signup" className="font-medium text-zinc-900 underline underline-offset-2">
          Create one
        </Link>
      </p>
    </Card>
  );
}
