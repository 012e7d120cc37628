import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import { CATEGORIES, STATUSES, type MemberRow } from "../api/types";
import { FILTER_KEYS, type FilterKey, type Filters, filtersFromQuery, filtersToQuery, toApiFilters } from "../lib/memberFilters";
import { BranchSelects } from "../components/BranchSelects";
import { SelectField, TextField } from "../components/Field";
import { Loading } from "../components/Guard";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { labelFor, useI18n } from "../i18n/context";
import { buildDirectory, useBranches, visibleBranches } from "../lib/branches";
import { useForm } from "../lib/forms";
import { fullName } from "../lib/format";
import { replaceQuery } from "../lib/router";
import { api, useSession } from "../services";

export function Members() {
  const { t } = useI18n();
  const notices = useNotices();
  const directory = useBranches();
  const { me } = useSession();
  // The filters offer only what this staff member may see; names still come from the whole list.
  const visible = useMemo(() => {
    const branches = visibleBranches(directory.branches, me?.grants ?? []);
    const scoped = buildDirectory(branches, (id) => directory.branchName(id));
    return { ...directory, branches, workplacesOf: scoped.workplacesOf };
  }, [directory, me]);
  const [filters, setFilters] = useState<Filters>(() => filtersFromQuery(new URLSearchParams(window.location.search)));
  const [rows, setRows] = useState<MemberRow[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const searchForm = useForm("members", FILTER_KEYS, notices);
  const moreForm = useForm("members", FILTER_KEYS, notices);
  const applied = useRef<Filters>(filters);

  const search = useCallback(
    (active: Filters) =>
      searchForm.run(async () => {
        const page = await api.members(toApiFilters(active));
        applied.current = active;
        setRows(page.items ?? []);
        setNext(page.next ?? null);
      }),
    [searchForm.run],
  );

  useEffect(() => {
    void search(applied.current);
    // Load once with the filters from the URL.
  }, []);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    replaceQuery(filtersToQuery(filters));
    void search(filters);
  };

  const more = () =>
    void moreForm.run(async () => {
      if (!next) return;
      const page = await api.members(toApiFilters(applied.current), next);
      setRows((current) => [...(current ?? []), ...(page.items ?? [])]);
      setNext(page.next ?? null);
    });

  const set = (key: FilterKey) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const errors = { ...moreForm.errors, ...searchForm.errors };

  return (
    <section>
      <PageTitle title={t("members.title")} />
      <form ref={searchForm.formRef} onSubmit={onSubmit} noValidate class="card filters" role="search" aria-labelledby="filters-title">
        <h2 id="filters-title">{t("members.filtersTitle")}</h2>
        <TextField
          id="members-q"
          name="q"
          type="search"
          label={t("fields.q")}
          hint={t("hints.q")}
          value={filters.q}
          onValue={set("q")}
          autoComplete="off"
          error={errors.q}
        />
        <div class="row row-4">
          <BranchSelects
            idPrefix="members"
            directory={visible}
            branchId={filters.branch_id}
            workplaceId={filters.workplace_id}
            onBranch={set("branch_id")}
            onWorkplace={set("workplace_id")}
            branchLabel={t("fields.branch_id")}
            workplaceLabel={t("fields.workplace_id")}
            branchPlaceholder={t("common.any")}
            workplacePlaceholder={t("common.any")}
            branchError={errors.branch_id}
            workplaceError={errors.workplace_id}
          />
          <SelectField
            id="members-category"
            name="category"
            label={t("fields.category")}
            value={filters.category}
            onValue={set("category")}
            placeholder={t("common.any")}
            options={CATEGORIES.map((c) => ({ value: c, label: labelFor(t, "category", c) }))}
            error={errors.category}
          />
          <SelectField
            id="members-status"
            name="status"
            label={t("fields.status")}
            value={filters.status}
            onValue={set("status")}
            placeholder={t("common.any")}
            options={STATUSES.map((s) => ({ value: s, label: labelFor(t, "status", s) }))}
            error={errors.status}
          />
        </div>
        <div class="actions">
          <button type="submit" class="primary" data-testid="search-members" disabled={searchForm.busy}>
            {t("members.search")}
          </button>
        </div>
      </form>
      <Notice notices={notices} owner="members" />
      <p aria-live="polite" class="muted" data-testid="members-count">
        {rows ? (rows.length ? t("members.shown", { count: rows.length }) : t("members.empty")) : ""}
      </p>
      {rows === null ? (
        searchForm.busy ? <Loading /> : null
      ) : rows.length ? (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="members-table-caption">
          <table data-testid="members-table">
            <caption id="members-table-caption" class="visually-hidden">
              {t("members.tableLabel")}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("members.name")}</th>
                <th scope="col">{t("members.email")}</th>
                <th scope="col">{t("members.branch")}</th>
                <th scope="col">{t("members.workplace")}</th>
                <th scope="col">{t("members.category")}</th>
                <th scope="col">{t("members.status")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id} data-testid={`member-${m.id}`}>
                  <th scope="row">{fullName(m)}</th>
                  <td>{m.email}</td>
                  <td>{directory.branchName(m.branch_id)}</td>
                  <td>{directory.workplaceName(m.workplace_id)}</td>
                  <td>{labelFor(t, "category", m.category)}</td>
                  <td>{labelFor(t, "status", m.status)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {next ? (
        <div class="actions">
          <button type="button" data-testid="more-members" onClick={more} disabled={moreForm.busy}>
            {t("members.more")}
          </button>
        </div>
      ) : null}
    </section>
  );
}
