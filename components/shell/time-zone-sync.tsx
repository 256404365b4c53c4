"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TZ_COOKIE } from "@/lib/validation/usage";

/**
 * Puts the browser's zone into a cookie, so the server counts days in it (usage charts, the chats
 * list's date groups). Refreshes once when the page was rendered in another zone.
 */
export function TimeZoneSync({ serverTz }: { serverTz: string }) {
  const router = useRouter();
  useEffect(() => {
    const tz = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!tz) return;
    const current = document.cookie.split("; ").find((c) => c.startsWith(`${TZ_COOKIE}=`))?.slice(TZ_COOKIE.length + 1);
    if (current && decodeURIComponent(current) === tz) return;
    document.cookie = `${TZ_COOKIE}=${encodeURIComponent(tz)}; path=/; max-age=31536000; samesite=lax`;
    // Only when this page was counted in another zone: a browser in the server's default zone sees no reload.
    if (tz !== serverTz) router.refresh();
  }, [router, serverTz]);
  return null;
}
