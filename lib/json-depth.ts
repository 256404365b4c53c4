/**
 * How deep JSON text nests, measured without parsing or recursion (middleware.ts refuses server
 * action arguments nested past what any form sends, before React's recursive decoder meets them).
 */

/** The deepest nesting of `[` and `{` in JSON text, strings skipped; without recursion. */
export function jsonDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123 /* [ { */) {
      if (++depth > max) max = depth;
    } else if (c === 93 || c === 125 /* ] } */) depth--;
  }
  return max;
}
