/**
 * Sliding-window limits on failed sign-ins, in memory (one process serves the local API).
 *
 * An attempt takes a slot before the password is checked and gives it back on success: bcrypt is
 * asynchronous, so counting only finished failures would let a burst of parallel guesses through.
 */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Whether `key` has used up its attempts in the current window. */
  isBlocked(key: string, now = Date.now()): boolean {
    return this.recent(key, now).length >= this.max;
  }

  /** Records an attempt for `key`. */
  take(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
  }

  /** Gives back the latest attempt (it turned out not to be a failure). */
  giveBack(key: string): void {
    const list = this.hits.get(key);
    list?.pop();
    if (list && list.length === 0) this.hits.delete(key);
  }

  /** Forgets `key` entirely (a successful sign-in clears the email's counter). */
  reset(key: string): void {
    this.hits.delete(key);
  }

  /** Drops expired entries so that the map does not grow with every address ever seen. */
  sweep(now = Date.now()): void {
    for (const key of [...this.hits.keys()]) this.recent(key, now);
  }

  private recent(key: string, now: number): number[] {
    const list = this.hits.get(key);
    if (!list) return [];
    const cutoff = now - this.windowMs;
    const kept = list.filter((t) => t > cutoff);
    if (kept.length === 0) this.hits.delete(key);
    else if (kept.length !== list.length) this.hits.set(key, kept);
    return kept;
  }
}

export type SignInLimitOptions = {
  /** Window length; default 300 (5 minutes). */
  windowSeconds?: number;
  /** Failed sign-ins per email per window; default 10. */
  perEmail?: number;
  /** Failed sign-ins per client IP per window; default 30. */
  perIp?: number;
};

/** The two limits on password sign-in: per email (guessing one account) and per IP (spraying). */
export class SignInLimits {
  readonly byEmail: AttemptLimiter;
  readonly byIp: AttemptLimiter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(opts: SignInLimitOptions = {}) {
    const windowMs = (opts.windowSeconds ?? 300) * 1000;
    this.byEmail = new AttemptLimiter(opts.perEmail ?? 10, windowMs);
    this.byIp = new AttemptLimiter(opts.perIp ?? 30, windowMs);
    this.sweeper = setInterval(() => {
      this.byEmail.sweep();
      this.byIp.sweep();
    }, windowMs);
    this.sweeper.unref();
  }

  /** Takes an attempt on both limits, or returns false (taking nothing) when either is used up. */
  tryAttempt(email: string, ip: string): boolean {
    if (this.byEmail.isBlocked(email) || this.byIp.isBlocked(ip)) return false;
    this.byEmail.take(email);
    this.byIp.take(ip);
    return true;
  }

  /** The attempt succeeded: the email starts afresh; the IP only gets its slot back. */
  succeeded(email: string, ip: string): void {
    this.byEmail.reset(email);
    this.byIp.giveBack(ip);
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}
