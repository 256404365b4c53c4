/** What every generator gets: the clock, the people, the configured models and limits. */
import type { UserAction } from "./activity-types";
import type { Catalog, Model } from "./catalog";
import type { Rng } from "./random";
import { Clock } from "./random";
import type { SeedUser } from "./users";

export type SeedContext = {
  clock: Clock;
  users: SeedUser[];
  catalog: Catalog;
  /** User actions reported by the generators, written as activity logs at the end. */
  actions: UserAction[];
};

export function userByKey(ctx: SeedContext, key: string): SeedUser {
  const u = ctx.users.find((x) => x.key === key);
  if (!u) throw new Error(`demo seed: no user "${key}"`);
  return u;
}

/** Approved people (PENDING accounts see no data and create none). */
export function activeUsers(ctx: SeedContext): SeedUser[] {
  return ctx.users.filter((u) => u.role !== "PENDING");
}

/**
 * A model for a request made at `at`: the active models, the active provider's favoured;
 * inactive (retired) models only for requests older than 45 days, when they were still in use.
 */
export function pickModel(ctx: SeedContext, r: Rng, at: Date): Model {
  const old = ctx.clock.anchor.getTime() - at.getTime() > 45 * 86_400_000;
  const weighted = ctx.catalog.models
    .filter((m) => m.active || old)
    .map((m) => [m, (m.active ? 10 : 3) + (m.provider === ctx.catalog.activeProvider ? 10 : 0)] as const);
  if (weighted.length === 0) return ctx.catalog.models[0];
  return r.weighted(weighted);
}
