/**
 * Outgoing mail of the stand-in. Mail goes to the local mail catcher (supabase/local/mail-catcher)
 * over HTTP on the loopback interface, never to a network; without a catcher it is printed.
 *
 * Delivery is queued and happens after the request has been answered, one mail after another:
 * `POST /recover` then takes as long for an unknown address as for a known one (no mail is
 * composed or sent while the client waits), and mails arrive in the order they were queued.
 */
export type Mail = { to: string; subject: string; text: string };

export const MAIL_FROM = "Agent Console (local) <noreply@localhost>";

export class Mailer {
  private queue: Promise<void> = Promise.resolve();

  /** `catcherUrl`: the mail catcher's base URL (e.g. `http://127.0.0.1:54324`); undefined prints mail. */
  constructor(private readonly catcherUrl?: string) {}

  /** Queues a mail; never throws (a failed delivery is logged, as a mail server would bounce it). */
  send(mail: Mail): void {
    this.queue = this.queue.then(() => this.deliver(mail));
  }

  /** Resolves once every queued mail has been delivered (or has failed). */
  drain(): Promise<void> {
    return this.queue;
  }

  private async deliver(mail: Mail): Promise<void> {
    if (!this.catcherUrl) {
      console.log(`auth-server: mail to ${mail.to} (no mail catcher configured): ${mail.subject}\n${mail.text}`);
      return;
    }
    try {
      const res = await fetch(`${this.catcherUrl.replace(/\/+$/, "")}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ from: MAIL_FROM, ...mail }),
        signal: AbortSignal.timeout(5000),
      });
      if (!res.ok) console.error(`auth-server: the mail catcher refused a mail to ${mail.to}: HTTP ${res.status}`);
    } catch (e) {
      console.error(`auth-server: could not deliver a mail to ${mail.to}:`, e instanceof Error ? e.message : e);
    }
  }
}
