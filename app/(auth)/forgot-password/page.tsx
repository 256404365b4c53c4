import Link from "next/link";
import { Card } from "@/components/ui/card";
import { ForgotPasswordForm } from "./forgot-password-form";

export const metadata = { title: "Forgot password" };

/** Public: asks for an address and mails a recovery link, without saying whether it has an account. */
export default function ForgotPasswordPage() {
  return (
    <Card className="p-6">
      <h1 className="text-lg font-semibold tracking-tight">Forgot your password?</h1>
      <p className="mt-1 text-sm text-zinc-500">Enter your account&apos;s email address and we will mail you a link to set a new one.</p>
      <div className="mt-5">
        <ForgotPasswordForm />
      </div>
      <p className="mt-5 text-center text-sm text-zinc-500">
        Remembered it?{" "}
        <Link href="/login" className="font-medium text-zinc-900 underline underline-offset-2">
          Sign in
        </Link>
      </p>
    </Card>
  );
}
