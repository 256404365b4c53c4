import Link from "next/link";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui/card";
import { getViewer } from "@/lib/auth/viewer";
import { SignUpForm } from "./sign-up-form";

export const metadata = { title: "Create an account" };

export default async function SignUpPage() {
  const viewer = await getViewer();
  if (viewer) redirect(viewer.role === "PENDING" ? "/pending" : "/");
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold tracking-tight">Create an account</h1>
      <p className="mt-1 text-sm text-zinc-500">An administrator approves new accounts before they can use the console.</p>
      <div className="mt-5">
        <SignUpForm />
      </div>
      <p className="mt-5 text-center text-sm text-zinc-500">
        Already have an account?{" "}
        <Link href="/login" className="font-medium text-zinc-900 underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
