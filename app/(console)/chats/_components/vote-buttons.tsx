"use client";

import { useOptimistic, useState, useTransition } from "react";
import { cn } from "@/components/ui/cn";
import { voteAction } from "../actions";

type Vote = boolean | null;

/**
 * Helpful / not helpful on an answer. The owner can set, change or clear it (a second click on
 * the chosen one clears it); others see the vote read-only. The pressed state follows the click
 * at once and the server's answer after.
 */
export function VoteButtons({ chatId, messageId, vote, canVote }: { chatId: string; messageId: string; vote: Vote; canVote: boolean }) {
  const [optimistic, setOptimistic] = useOptimistic<Vote, Vote>(vote, (_, next) => next);
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);

  const choose = (up: boolean) => {
    const next: Vote = optimistic === up ? null : up;
    setError(null);
    start(async () => {
      setOptimistic(next);
      const r = await voteAction(null, { chatId, messageId, vote: next === null ? "none" : next ? "up" : "down" });
      if (!r.ok) setError(r.message);
    });
  };

  const btn = (up: boolean) => {
    const pressed = optimistic === up;
    return (
      <button
        type="button"
        aria-pressed={pressed}
        aria-label={up ? "Helpful" : "Not helpful"}
        disabled={!canVote || pending}
        onClick={() => choose(up)}
        className={cn(
          "inline-flex h-7 w-8 items-center justify-center rounded-md border text-sm transition-colors disabled:cursor-default",
          pressed
            ? up
              ? "border-emerald-300 bg-emerald-50 text-emerald-700"
              : "border-red-300 bg-red-50 text-red-700"
            : "border-zinc-200 bg-white text-zinc-400 enabled:hover:text-zinc-700",
          !canVote && !pressed && "opacity-50",
        )}
      >
        {up ? "▲" : "▼"}
      </button>
    );
  };

  return (
    <span role="group" aria-label="Vote on this answer" className="inline-flex items-center gap-1">
      {btn(true)}
      {btn(false)}
      {error ? (
        <span role="alert" className="ml-2 text-xs text-red-600">
          {error}
        </span>
      ) : null}
    </span>
  );
}
