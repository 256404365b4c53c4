/**
 * Runs in the browser before the app's own modules (Next's instrumentation-client convention).
 *
 * zod 4 compiles object parsers with `new Function` when the page allows it, and probes that by
 * calling `new Function("")` when the first object schema is defined. Under the console's CSP
 * (no 'unsafe-eval', middleware.ts) the probe is refused and reported as a CSP violation on every
 * page whose forms bundle a schema. jitless mode skips the probe; parsing form-sized input without
 * the compiled fast path costs microseconds. The server keeps the fast path (no CSP there).
 */
import { z } from "zod";

z.config({ jitless: true });
