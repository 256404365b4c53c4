"use client";

import { useEffect, useState } from "react";

/**
 * The clock, for what a component shows about elapsed time: read once when the component mounts
 * and again every `intervalMs`, so rendering stays pure (no Date.now() during render).
 */
export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
