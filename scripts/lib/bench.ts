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
