import { Alert } from "@/components/ui/alert";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireViewer } from "@/lib/auth/viewer";
import { formatDayTime } from "@/lib/format";
import { createClient } from "@/lib/supabase/server";
import { emailNotice } from "@/lib/validation/account";
import { firstParam } from "@/lib/validation/data-table";
import { ChangeEmailForm } from "./change-email-form";

export const metadata = { title: "Email address" };

/**
 * The signed-in person's email address and a pending change, if any. A change waits until the
 * links sent to both the current and the new address have been opened (secure email change).
 */
export default async function AccountEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const viewer = await requireViewer();
  const notice = emailNotice(firstParam((await searchParams).notice));

  if (viewer.impersonator) {
    return (
      <div className="space-y-6">
        <PageHeader title="Email address" />
        <Alert tone="info">You are viewing the console as {viewer.email}: their email address cannot be changed from here.</Alert>
      </div>
    );
  }

  // The pending change lives in the Auth API (`new_email`), not in the token's claims.
  const supabase = await createClient();
  const { data } = await supabase.auth.getUser();
  const user = data.user?.id === viewer.id ? data.user : null;
  const current = user?.email ?? viewer.email;
  const pending = user?.new_email || null;

  return (
    <div className="space-y-6">
      <PageHeader title="Email address" description="The address you sign in with and where the console sends mail." />
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <Card className="space-y-5 p-6">
        <dl className="grid gap-3 text-sm sm:grid-cols-[12rem_1fr]">
          <dt className="text-zinc-500">Current address</dt>
          <dd data-testid="current-email" className="font-medium break-all text-zinc-900">
            {current}
          </dd>
          {pending ? (
            <>
              <dt className="text-zinc-500">Waiting for confirmation</dt>
              <dd data-testid="pending-email" className="break-all text-zinc-900">
                <span className="font-medium">{pending}</span>
                <span className="mt-1 block text-zinc-500">
                  We sent a link to both {current} and {pending}
                  {user?.email_change_sent_at ? ` (${formatDayTime(user.email_change_sent_at)})` : ""}. Your address changes
                  once both links are opened; until then you sign in with {current}.
                </span>
              </dd>
            </>
          ) : null}
        </dl>
        <ChangeEmailForm />
      </Card>
    </div>
  );
}
