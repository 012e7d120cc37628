/** The public branch/workplace list, fetched once per page load, and name look-ups. */
import { useCallback, useEffect, useMemo, useState } from "preact/hooks";
import { useI18n } from "../i18n/context";
import type { Branch, Grant, Workplace } from "../api/types";
import { api } from "../services";

let cache: Promise<Branch[]> | null = null;
/** The list once loaded, so later pages render names at once. */
let loaded: Branch[] | null = null;

function loadBranches(): Promise<Branch[]> {
  if (!cache) {
    cache = api
      .branches()
      .then((page) => {
        loaded = page.items ?? [];
        return loaded;
      })
      .catch((error: unknown) => {
        cache = null; // try again next time
        throw error;
      });
  }
  return cache;
}

export interface BranchDirectory {
  branches: Branch[];
  loading: boolean;
  error: unknown;
  branchName: (id: string | null | undefined) => string;
  workplaceName: (id: string | null | undefined) => string;
  workplacesOf: (branchId: string | null | undefined) => Workplace[];
  branchOfWorkplace: (workplaceId: string | null | undefined) => string | null;
}

export function workplaceLabel(w: Workplace): string {
  return w.employer_name && w.employer_name !== w.name ? `${w.name} (${w.employer_name})` : w.name;
}

export function buildDirectory(branches: Branch[], unknown: (id: string) => string) {
  const branchById = new Map(branches.map((b) => [b.id, b]));
  const workplaceById = new Map<string, { workplace: Workplace; branchId: string }>();
  for (const b of branches) for (const w of b.workplaces ?? []) workplaceById.set(w.id, { workplace: w, branchId: b.id });
  return {
    branchName: (id: string | null | undefined) => (id ? (branchById.get(id)?.name ?? unknown(id)) : ""),
    workplaceName: (id: string | null | undefined) => {
      if (!id) return "";
      const entry = workplaceById.get(id);
      return entry ? workplaceLabel(entry.workplace) : unknown(id);
    },
    workplacesOf: (branchId: string | null | undefined) =>
      branchId ? (branchById.get(branchId)?.workplaces ?? []) : branches.flatMap((b) => b.workplaces ?? []),
    branchOfWorkplace: (workplaceId: string | null | undefined) =>
      workplaceId ? (workplaceById.get(workplaceId)?.branchId ?? null) : null,
  };
}

export function useBranches(): BranchDirectory {
  const { t } = useI18n();
  const [branches, setBranches] = useState<Branch[]>(() => loaded ?? []);
  const [loading, setLoading] = useState(loaded === null);
  // While the list loads, an id has no name yet rather than an unknown one.
  const unknown = useCallback((id: string) => (loading ? "…" : t("common.unknown", { id })), [t, loading]);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    let alive = true;
    loadBranches()
      .then((items) => alive && (setBranches(items), setError(null)))
      .catch((e: unknown) => alive && setError(e))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, []);

  return useMemo(
    () => ({ branches, loading, error, ...buildDirectory(branches, unknown) }),
    [branches, loading, error, unknown],
  );
}

const UNION_WIDE_ROLES = new Set(["admin", "treasurer", "election_officer"]);

/** The branches and workplaces a staff member can see members of: the filters offer only these. */
export function visibleBranches(branches: Branch[], grants: Grant[]): Branch[] {
  if (grants.some((g) => UNION_WIDE_ROLES.has(g.role))) return branches;
  const officerOf = new Set(grants.filter((g) => g.role === "branch_officer").flatMap((g) => g.branch_ids));
  const stewardOf = new Set(grants.filter((g) => g.role === "shop_steward").flatMap((g) => g.workplace_ids));
  return branches
    .map((b) =>
      officerOf.has(b.id) ? b : { ...b, workplaces: (b.workplaces ?? []).filter((w) => stewardOf.has(w.id)) },
    )
    .filter((b) => officerOf.has(b.id) || (b.workplaces ?? []).length > 0);
}
