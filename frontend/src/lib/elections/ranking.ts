/**
 * A ranked ballot's preferences: an ordered list of distinct option ids, first = most preferred.
 * Every change keeps the ids distinct, so two candidates can never share a rank.
 */

export type Ranking = readonly string[];

/** Adds `id` as the next preference, unless it is ranked already or the ranking is full. */
export function rankAdd(ranking: Ranking, id: string, limit?: number | null): string[] {
  if (ranking.includes(id) || (limit != null && ranking.length >= limit)) return [...ranking];
  return [...ranking, id];
}

export function rankRemove(ranking: Ranking, id: string): string[] {
  return ranking.filter((r) => r !== id);
}

/** Moves `id` one place up (-1, more preferred) or down (+1); at an end nothing changes. */
export function rankMove(ranking: Ranking, id: string, by: -1 | 1): string[] {
  const from = ranking.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= ranking.length) return [...ranking];
  const next = [...ranking];
  next[from] = next[to]!;
  next[to] = id;
  return next;
}

/** Puts `id` at preference `position` (1-based; the others shift), or unranks it when null. */
export function rankSet(ranking: Ranking, id: string, position: number | null, limit?: number | null): string[] {
  const rest = rankRemove(ranking, id);
  if (position === null) return rest;
  if (!ranking.includes(id) && limit != null && rest.length >= limit) return [...ranking];
  const at = Math.max(0, Math.min(rest.length, Math.floor(position) - 1));
  return [...rest.slice(0, at), id, ...rest.slice(at)];
}

/** True when the ranking is something the server takes: known, distinct ids, at most `limit`. */
export function isValidRanking(ranking: Ranking, known: readonly string[], limit?: number | null): boolean {
  const ids = new Set(known);
  return (
    new Set(ranking).size === ranking.length &&
    ranking.every((id) => ids.has(id)) &&
    (limit == null || ranking.length <= limit)
  );
}
