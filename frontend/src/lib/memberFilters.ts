/** The members page's filters, kept in the URL so a search is linkable. */
import type { MemberFilters } from "../api/types";

export const FILTER_KEYS = ["q", "branch_id", "workplace_id", "category", "status"] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Record<FilterKey, string>;

export function filtersFromQuery(query: URLSearchParams): Filters {
  const filters = {} as Filters;
  for (const key of FILTER_KEYS) filters[key] = query.get(key) ?? "";
  return filters;
}

export function filtersToQuery(filters: Filters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) params.set(key, value);
  }
  return params;
}

export function toApiFilters(filters: Filters): MemberFilters {
  const out: MemberFilters = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key].trim();
    if (value) out[key] = value;
  }
  return out;
}

