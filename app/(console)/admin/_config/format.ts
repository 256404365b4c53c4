/** Numbers and times for people, the same on the server render and in the browser (fixed locale, UTC). */
const usd = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });
const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });
const whole = new Intl.NumberFormat("en-US");
const dateTime = new Intl.DateTimeFormat("en-CA", {
  timeZone: "UTC",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export function formatUsd(v: number): string {
  return Math.abs(v) < 1 && v !== 0 ? usdSmall.format(v) : usd.format(v);
}
export function formatSignedUsd(v: number): string {
  return `${v > 0 ? "+" : v < 0 ? "−" : "±"}${formatUsd(Math.abs(v))}`;
}
export function formatTokens(v: number): string {
  return v >= 10_000 ? compact.format(v) : whole.format(v);
}
export function formatCount(v: number): string {
  return whole.format(v);
}
export function formatPrice(v: string): string {
  const n = Number(v);
  return `$${n.toFixed(4).replace(/0{1,2}$/, "")}`;
}
export function formatDateTime(iso: string): string {
  return `${dateTime.format(new Date(iso)).replace(",", "")} UTC`;
}
