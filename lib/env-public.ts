/**
 * The local defaults of the two settings the browser may see: the stand-in's URL and the
 * Supabase CLI's published anon key. The server reads the real values at run time (lib/env.ts)
 * and hands them to the browser, so no build-time value is baked into client code.
 */
export const LOCAL_SUPABASE_URL = "http://127.0.0.1:54321";
export const LOCAL_ANON_KEY =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZS1kZW1vIiwicm9sZSI6ImFub24iLCJleHAiOjE5ODM4MTI5OTZ9.CRXP1A7WOeoJeXxjNni43kdQwgnWNReilDMblYTn_I0";
