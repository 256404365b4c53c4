import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/viewer";
import { safeNextPath } from "@/lib/validation/auth";
import { firstParam } from "@/lib/validation/data-table";
import { SignInForm } from "./sign-in-form";

export const metadata = { title: "Sign in" };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const next = safeNextPath(firstParam((await searchParams).next));
  const viewer = await getViewer();
  if (viewer) redirect(viewer.role === "PENDING" ? "/pending" : (next ?? "/"));

  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold tracking-tight">Sign in</h1>
      <p className="mt-1 text-sm text-zinc-500">Use your console account.</p>
      <div className="mt-5">
        <SignInForm next={next ?? undefined} />
      </div>
      <p className="mt-5 text-center text-sm text-zinc-500">
        No account yet?{" "}
        <Link href="/signup" className="font-medium text-zinc-900 underline underline-offset-2">
          Create one
        </Link>
      </p>
    </Card>
  );
}
