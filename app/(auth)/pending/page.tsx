import { redirect } from "next/navigation";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Card } from "@/components/ui/card";
import { ClockIcon } from "@/components/ui/icons";
import { getViewer } from "@/lib/auth/viewer";
import { signOut } from "../actions";

export const metadata = { title: "Waiting for approval" };

/** A PENDING account sees this and nothing else: no data until an admin approves it. */
export default async function PendingPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.role !== "PENDING") redirect("/");
  return (
    <Card className="p-6 text-center">
      <div className="flex justify-center text-amber-500">
        <ClockIcon size={32} />
      </div>
      <h1 className="mt-3 text-lg font-semibold tracking-tight">Waiting for approval</h1>
      <p className="mt-2 text-sm text-zinc-600">
        Your account <span className="font-medium text-zinc-900">{viewer.email}</span> was created. An administrator
        has to approve it before you can use the console.
      </p>
      <p className="mt-2 text-sm text-zinc-500">Come back later: this page opens the console once you are approved.</p>
      <div className="mt-5 flex justify-center">
        <div className="w-40">
          <SignOutButton action={signOut} className="justify-center border border-zinc-300 bg-white" />
        </div>
      </div>
    </Card>
  );
}
