/**
 * The local default of the one setting the browser may see that has one: the stand-in's URL. The
 * anon key has no default (it is signed with the local stand-in's random secret); the server reads
 * both at run time (lib/env.ts) and hands them to the browser, so no build-time value is baked
 * into client code.
 */
export const LOCAL_SUPABASE_URL = "http://127.0.0.1:54321";
