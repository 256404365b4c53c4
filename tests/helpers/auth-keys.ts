/**
 * API keys for the Auth stand-in in tests: a fresh JWT secret per test file (each file runs in its
 * own process), the way a throwaway stack gets one. Pass `jwtSecret: TEST_JWT_SECRET` to every
 * `startAuthServer` of the file so that one pair of keys works on all its servers.
 */
import { loadProjectKeys } from "../../supabase/local/auth-server/keys";

const keys = loadProjectKeys();

export const TEST_JWT_SECRET = keys.jwtSecret;
export const TEST_ANON_KEY = keys.anonKey;
export const TEST_SERVICE_ROLE_KEY = keys.serviceRoleKey;
