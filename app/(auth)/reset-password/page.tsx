import Link from "next/link";
import { Card } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/viewer";
import { SetPasswordForm } from "./set-password-form";

export const metadata = { title: "Set a new password" };

/**
 * Reached from a recovery link (/auth/confirm signed the person in). Without a session the link
 * was not used, or has expired: the page offers a new one.
 */
export default async function ResetPasswordPage() {
  const viewer = await getViewer();
  if (!viewer) {
    return (
      <Card className="p-6">
        <h1 className="text-lg font-semibold tracking-tight">Set a new password</h1>
        <p className="mt-2 text-sm text-zinc-600">
          Open the link from the password reset mail first. Links work once, for 24 hours.
        </p>
        <p className="mt-5 text-center text-sm text-zinc-500">
          <Link href="/forgot-password" className="font-medium text-zinc-900 underline underline-offset-2">
            Ask for a new link
          </Link>
        </p>
      </Card>
    );
  }
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold tracking-tight">Set a new password</h1>
      <p className="mt-1 text-sm text-zinc-500">
        For <span className="font-medium text-zinc-900">{viewer.email}</span>. Your other sessions end, and you sign in
        again with the new password.
      </p>
      <div className="mt-5">
        <SetPasswordForm />
      </div>
    </Card>
  );
}
