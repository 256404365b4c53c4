/** What every bench:* script shares: warm-up, then the median of a number of timed runs. */
export const ms = (t: number) => `${t.toFixed(2)} ms`;

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Three untimed runs warm caches and plans; then `runs` timed runs, median in milliseconds. */
export async function timeMedian(fn: () => Promise<unknown>, runs: number): Promise<number> {
  for (let i = 0; i < 3; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    samples.push(performance.now() - t);
  }
  return median(samples);
}

/**
 * `count` users through auth.users (so the profile trigger runs as for real sign-ups), every column
 * written as Supabase Auth writes it ('' for the token columns), all USER
 * but `bench-user-1`, the ADMIN. Ids are md5('bench-user-' || i)::uuid, i = 1..count.
 */
export async function loadBenchUsers(admin: { unsafe: (q: string) => Promise<unknown> }, count: number): Promise<void> {
  await admin.unsafe(`
    insert into auth.users (instance_id, id, aud, role, email, encrypted_password, email_confirmed_at,
                            confirmation_token, recovery_token, email_change_token_new, email_change, phone_change,
                            phone_change_token, email_change_token_current, email_change_confirm_status, reauthentication_token,
                            raw_app_meta_data, raw_user_meta_data, created_at, updated_at, is_sso_user, is_anonymous)
    select '00000000-0000-0000-0000-000000000000', md5('bench-user-' || i)::uuid, 'authenticated', 'authenticated',
           'bench' || i || '@example.com', '$2a$10$abcdefghijklmnopqrstuuJ1d1Q0v6o0XbVQ8mYt4m1o3oK1h8Ovy', now(),
           '', '', '', '', '', '', '', 0, '',
           '{"provider":"email","providers":["email"]}', '{}', now(), now(), false, false
    from generate_series(1, ${Math.trunc(count)}) i;
    update public.profiles set role = 'USER';
    update public.profiles set role = 'ADMIN' where id = md5('bench-user-1')::uuid;`);
}
