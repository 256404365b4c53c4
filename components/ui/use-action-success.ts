"use client";

import { useEffect, useEffectEvent } from "react";

/**
 * Runs `onSuccess` once each time a form action's state becomes a success (a new state object
 * from useActionState), with the latest `onSuccess` the component rendered — it is an effect
 * event, not a dependency, so a parent's new callback does not fire it again.
 */
export function useActionSuccess<S extends { ok: boolean } | null>(state: S, onSuccess: (state: NonNullable<S>) => void): void {
  const fire = useEffectEvent((s: NonNullable<S>) => onSuccess(s));
  useEffect(() => {
    if (state?.ok) fire(state as NonNullable<S>);
  }, [state]);
}
