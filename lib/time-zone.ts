/**
 * The viewer's time zone on the server: days (usage charts, the chats list's "Today" /
 * "Yesterday" groups) are the viewer's days, not UTC's.
 */
import "server-only";
import { cookies } from "next/headers";
import { isTimeZone, TZ_COOKIE } from "@/lib/validation/usage";

/**
 * The zone to bucket in: the URL's, else the browser's (cookie set by <TimeZoneSync>), else the
 * business time zone (system setting, when the viewer may read it), else UTC.
 */
export async function viewerTimeZone(
  fromUrl: string | undefined,
  business: string | null = null,
): Promise<{ tz: string; source: "url" | "browser" | "business" | "default" }> {
  if (fromUrl) return { tz: fromUrl, source: "url" };
  const c = (await cookies()).get(TZ_COOKIE)?.value;
  if (c && isTimeZone(c)) return { tz: c, source: "browser" };
  if (business) return { tz: business, source: "business" };
  return { tz: "UTC", source: "default" };
}
