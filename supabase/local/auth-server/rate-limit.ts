/**
 * Limits on password sign-ins and sign-ups, in memory (one process serves the local API).
 *
 * Supabase Auth (GoTrue) limits these per client IP only (GOTRUE_RATE_LIMIT_TOKEN_REFRESH on
 * `/token`, the sign-up limiter on `/signup`, keyed by the first value of
 * GOTRUE_RATE_LIMIT_HEADER when set); it has no per-email lockout, and neither has this
 * stand-in any more: a limit per account alone lets a stranger lock anyone out, the admin
 * included, by failing the password on purpose (issue 16). Instead:
 *
 * - per IP: failed sign-ins in a sliding window (spraying one password over many accounts);
 * - per account and IP: a few failures free, then each further attempt waits 2^failures seconds
 *   after the previous one (capped), so guessing one account from one address slows down
 *   exponentially while the owner, from any other address, is not affected. A success from
 *   that address clears it;
 * - sign-ups per IP in a sliding window.
 *
 * An attempt takes its slot before the password is checked and gives it back on success:
 * bcrypt is asynchronous, so counting only finished failures would let a burst of parallel
 * guesses through.
 */
export class AttemptLimiter {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly max: number,
    readonly windowMs: number,
  ) {}

  /** Milliseconds until `key` may try again; 0 when it has attempts left in the window. */
  waitMs(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    return list.length >= this.max ? list[list.length - this.max] + this.windowMs - now : 0;
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

/** Failures of one account from one address, with exponential backoff once past the free ones. */
export class BackoffLimiter {
  private readonly entries = new Map<string, { failures: number; last: number }>();

  constructor(
    /** Failures allowed before any wait. */
    readonly free: number,
    /** Longest wait between attempts. */
    readonly maxWaitMs: number,
    /** Quiet time after which the failures are forgotten. */
    readonly forgetMs: number,
  ) {}

  /** Milliseconds until `key` may try again: 2^failures seconds after the last attempt, once past `free`. */
  waitMs(key: string, now = Date.now()): number {
    const e = this.current(key, now);
    if (!e || e.failures < this.free) return 0;
    const wait = Math.min(2 ** Math.min(e.failures, 30) * 1000, this.maxWaitMs);
    return Math.max(0, e.last + wait - now);
  }

  take(key: string, now = Date.now()): void {
    const e = this.current(key, now);
    this.entries.set(key, { failures: (e?.failures ?? 0) + 1, last: now });
  }

  /** The attempt gave no verdict on the password: uncounted again. */
  giveBack(key: string): void {
    const e = this.entries.get(key);
    if (!e) return;
    if (e.failures <= 1) this.entries.delete(key);
    else e.failures -= 1;
  }

  /** The right password from this address: its backoff is over. */
  reset(key: string): void {
    this.entries.delete(key);
  }

  sweep(now = Date.now()): void {
    for (const key of [...this.entries.keys()]) this.current(key, now);
  }

  private current(key: string, now: number) {
    const e = this.entries.get(key);
    if (e && now - e.last >= this.forgetMs) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }
}

export type SignInLimitOptions = {
  /** The per-IP window; default 300 (5 minutes). */
  windowSeconds?: number;
  /** Failed sign-ins per client IP per window; default 30. */
  perIp?: number;
  /** Failures of one account from one IP before backoff starts; default 5. */
  freePerAccountAndIp?: number;
  /** Longest backoff; default 900 (15 minutes). */
  maxBackoffSeconds?: number;
};

export type SignUpLimitOptions = {
  /** Default 300 (5 minutes). */
  windowSeconds?: number;
  /** Sign-ups per client IP per window; default 30 (GoTrue's default). */
  perIp?: number;
};

/** Seconds to wait, or 0. */
export type Verdict = number;

/** The limits on password sign-in and on sign-up. */
export class SignInLimits {
  readonly byIp: AttemptLimiter;
  readonly byAccountAndIp: BackoffLimiter;
  readonly signUpsByIp: AttemptLimiter;
  private readonly sweeper: NodeJS.Timeout;

  constructor(opts: SignInLimitOptions = {}, signUps: SignUpLimitOptions = {}) {
    const windowMs = (opts.windowSeconds ?? 300) * 1000;
    this.byIp = new AttemptLimiter(opts.perIp ?? 30, windowMs);
    this.byAccountAndIp = new BackoffLimiter(opts.freePerAccountAndIp ?? 5, (opts.maxBackoffSeconds ?? 900) * 1000, 24 * 3600 * 1000);
    this.signUpsByIp = new AttemptLimiter(signUps.perIp ?? 30, (signUps.windowSeconds ?? 300) * 1000);
    this.sweeper = setInterval(() => {
      this.byIp.sweep();
      this.byAccountAndIp.sweep();
      this.signUpsByIp.sweep();
    }, Math.min(windowMs, 60_000));
    this.sweeper.unref();
  }

  /** Takes a sign-in attempt on both limits and returns 0, or returns the seconds to wait (taking nothing). */
  tryAttempt(email: string, ip: string, now = Date.now()): Verdict {
    const account = accountKey(email, ip);
    const wait = Math.max(this.byIp.waitMs(ip, now), this.byAccountAndIp.waitMs(account, now));
    if (wait > 0) return Math.ceil(wait / 1000);
    this.byIp.take(ip, now);
    this.byAccountAndIp.take(account, now);
    return 0;
  }

  /** The password was right: the IP gets its slot back, the account's backoff from this IP ends. */
  succeeded(email: string, ip: string): void {
    this.byIp.giveBack(ip);
    this.byAccountAndIp.reset(accountKey(email, ip));
  }

  /** Takes a sign-up attempt and returns 0, or returns the seconds to wait. */
  trySignUp(ip: string, now = Date.now()): Verdict {
    const wait = this.signUpsByIp.waitMs(ip, now);
    if (wait > 0) return Math.ceil(wait / 1000);
    this.signUpsByIp.take(ip, now);
    return 0;
  }

  close(): void {
    clearInterval(this.sweeper);
  }
}

const accountKey = (email: string, ip: string) => `${email}\n${ip}`;
