/**
 * Splits a SQL file into statements the way the Supabase CLI does (github.com/supabase/cli,
 * pkg/parser/state.go and token.go, `parser.SplitAndTrim`), so that
 * `supabase_migrations.schema_migrations.statements` holds what `supabase db push` would store
 * and `supabase migration fetch` writes the same file back.
 *
 * A state machine walks the text; a `;` ends a statement only in the ready state, never inside:
 *   - a string literal '...' or quoted identifier "..." ('' and "" stay inside),
 *   - a dollar-quoted body $$...$$ or $tag$...$tag$,
 *   - a line comment -- ... (to the end of the line) or a block comment /* ... *\/ (nested),
 *   - parentheses ( ... ) or a BEGIN ATOMIC ... END function body,
 * and a backslash outside those skips the next character. Each token runs up to and including
 * its `;` (comments before a statement belong to it); `splitRaw` returns the tokens as they are
 * (joined, they give back the file), `splitStatements` trims each of trailing `;` and white space
 * and drops empty ones, as the CLI stores them.
 */

type State = { next(r: string, text: string, start: number, end: number): State | null };

const isLetter = (r: string) => /\p{L}/u.test(r);
const isDigit = (r: string) => /\p{Nd}/u.test(r);
const isIdentifierRune = (r: string) => isLetter(r) || isDigit(r) || r === "_" || r === "$";

/** `data` in the CLI is the current token so far: text[start, end). */
function endsWith(text: string, start: number, end: number, s: string, ignoreCase = false): boolean {
  if (end - start < s.length) return false;
  const w = text.slice(end - s.length, end);
  return ignoreCase ? w.toLowerCase() === s.toLowerCase() : w === s;
}

function isBeginAtomic(text: string, start: number, end: number): boolean {
  if (!endsWith(text, start, end, "ATOMIC", true)) return false;
  let offset = end - "ATOMIC".length;
  if (offset > start && isIdentifierRune(text[offset - 1])) return false;
  let p = offset;
  while (p > start && /\s/u.test(text[p - 1])) p--;
  if (!endsWith(text, start, p, "BEGIN", true)) return false;
  offset = p - "BEGIN".length;
  if (offset === start) return true;
  return !isIdentifierRune(text[offset - 1]);
}

class Ready implements State {
  next(r: string, text: string, start: number, end: number): State | null {
    switch (r) {
      case "$":
        return new Tag(end - 1);
      case "'":
      case '"':
        return new Quote(r);
      case "-":
        return new LineComment();
      case "/":
        return new Block();
      case "\\":
        return new Escape();
      case ";":
        return null; // emit the token
      case "(":
        return new Atomic(this, ")");
      case "c":
      case "C":
        if (isBeginAtomic(text, start, end)) return new Atomic(this, "END");
    }
    return this;
  }
}

class LineComment implements State {
  next(r: string, text: string, start: number, end: number): State | null {
    if (r === "-") return new Dollar("\n"); // nothing is escaped in a comment, as in a dollar quote
    return new Ready().next(r, text, start, end);
  }
}

class Block implements State {
  depth = 0;
  next(r: string, text: string, start: number, end: number): State | null {
    if (endsWith(text, start, end, "/*")) {
      this.depth += 1;
      return this;
    }
    if (this.depth === 0) return new Ready().next(r, text, start, end);
    if (endsWith(text, start, end, "*/")) {
      this.depth -= 1;
      if (this.depth === 0) return new Ready();
    }
    return this;
  }
}

class Quote implements State {
  escape = false;
  constructor(private readonly delimiter: string) {}
  next(r: string, text: string, start: number, end: number): State | null {
    if (this.escape) {
      if (r === this.delimiter) {
        this.escape = false; // a doubled quote stays inside
        return this;
      }
      return new Ready().next(r, text, start, end);
    }
    if (r === this.delimiter) this.escape = true;
    return this;
  }
}

class Dollar implements State {
  constructor(private readonly delimiter: string) {}
  next(_r: string, text: string, start: number, end: number): State | null {
    return endsWith(text, start, end, this.delimiter) ? new Ready() : this;
  }
}

class Tag implements State {
  constructor(private readonly offset: number) {}
  next(r: string, text: string, start: number, end: number): State | null {
    if (r === "$") return new Dollar(text.slice(this.offset, end));
    if (isLetter(r) || isDigit(r) || r === "_") return this;
    return new Ready().next(r, text, start, end);
  }
}

class Escape implements State {
  next(): State | null {
    return new Ready();
  }
}

class Atomic implements State {
  constructor(private prev: State, private readonly delimiter: string) {}
  next(r: string, text: string, start: number, end: number): State | null {
    const curr = this.prev.next(r, text, start, end);
    if (curr !== null) this.prev = curr;
    if (this.prev instanceof Ready && endsWith(text, start, end, this.delimiter, true)) return new Ready();
    return this;
  }
}

/** The tokens as the CLI's scanner emits them: each up to and including its `;`, the rest last. */
export function splitRaw(text: string): string[] {
  const tokens: string[] = [];
  let state: State = new Ready();
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i)!;
    const r = String.fromCodePoint(cp);
    const end = i + r.length;
    const next = state.next(r, text, start, end);
    if (next === null) {
      tokens.push(text.slice(start, end));
      start = end;
      state = new Ready();
    } else {
      state = next;
    }
    i = end;
  }
  if (start < text.length) tokens.push(text.slice(start));
  return tokens;
}

/** `parser.SplitAndTrim`: each token without its trailing `;` and surrounding white space; empty ones dropped. */
export function splitStatements(text: string): string[] {
  return splitRaw(text)
    .map((t) => t.replace(/;+$/, "").trim())
    .filter((t) => t.length > 0);
}
