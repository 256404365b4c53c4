"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { buttonClass } from "./button";
import { cn } from "./cn";

/**
 * A button that opens a panel below it. Closes on Escape (focus returns to the button), on a
 * click outside, when focus moves outside it (Tab past the panel's end, Shift+Tab before the
 * button), or when the content calls `close()`. Keyboard: Tab moves through the panel.
 */
export function Popover({
  label,
  button,
  children,
  align = "start",
  buttonClassName,
  panelClassName,
  panelLabel,
}: {
  /** Accessible name of the trigger when `button` is not text (icon-only). */
  label?: string;
  button: ReactNode;
  children: (close: () => void) => ReactNode;
  align?: "start" | "end";
  buttonClassName?: string;
  panelClassName?: string;
  panelLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  // The trigger as state, not a ref: close() runs in the content's handlers, and the content is
  // rendered by a function of close(), where reading a ref would be reading it during render.
  const [buttonEl, setButtonEl] = useState<HTMLButtonElement | null>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        buttonEl?.focus();
      }
    };
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open, buttonEl]);

  const close = () => {
    setOpen(false);
    buttonEl?.focus();
  };

  return (
    <div
      ref={rootRef}
      className="relative inline-block"
      onBlur={(e) => {
        // Focus left for somewhere else on the page (null: the window lost focus, or a click
        // on nothing focusable, which the mousedown listener handles).
        const next = e.relatedTarget as Node | null;
        if (open && next && !rootRef.current?.contains(next)) setOpen(false);
      }}
    >
      <button
        ref={setButtonEl}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((o) => !o)}
        className={buttonClassName ?? buttonClass("secondary", "sm")}
      >
        {button}
      </button>
      {open ? (
        <div
          id={panelId}
          role="dialog"
          aria-label={panelLabel ?? label}
          className={cn(
            "absolute z-30 mt-1 min-w-48 rounded-md border border-zinc-200 bg-white p-1 text-left font-normal whitespace-normal shadow-lg",
            align === "end" ? "right-0" : "left-0",
            panelClassName,
          )}
        >
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}
