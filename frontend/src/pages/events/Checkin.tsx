/**
 * Check-in at the door, made for a phone: one big search box over the confirmed participants
 * (all loaded once, filtered as you type), one big button per person, counts at the top.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EventKind, Participant, ParticipantTab, UnionEvent } from "../../api/types";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventClock } from "../../lib/eventTime";
import { alertText } from "../../lib/forms";
import { fullName } from "../../lib/format";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";
import { LoadState, pagePath, useEvent } from "./shared";

const LIMIT = 500;

/** Lower case without accents, so "jarvinen" finds "Järvinen". */
export function foldText(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
}

/** Participants whose name or e-mail contains every word typed. */
export function filterParticipants(rows: readonly Participant[], query: string): Participant[] {
  const words = foldText(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [...rows];
  return rows.filter((r) => {
    const hay = foldText(`${r.first_name} ${r.last_name} ${r.email}`);
    return words.every((w) => hay.includes(w));
  });
}

async function everyone(kind: EventKind, id: string, status: ParticipantTab): Promise<Participant[]> {
  const out: Participant[] = [];
  let cursor: string | null = null;
  const seen = new Set<string>();
  do {
    const page = await api.participants(kind, id, { status, limit: LIMIT, cursor });
    out.push(...(page.items ?? []));
    if (cursor) seen.add(cursor);
    cursor = page.next ?? null;
  } while (cursor && !seen.has(cursor)); // a cursor seen before would loop for ever
  return out;
}

/** Confirmed participants (checked in or not: check-in is a mark on a confirmed place), by name. */
async function loadArrivals(event: UnionEvent): Promise<Participant[]> {
  const byId = new Map((await everyone(event.kind, event.id, "confirmed")).map((p) => [p.member_id, p]));
  return [...byId.values()].sort((a, b) => `${a.last_name} ${a.first_name}`.localeCompare(`${b.last_name} ${b.first_name}`, "fi"));
}

export function Checkin(props: { kind: EventKind; params: Record<string, string> }) {
  const { t } = useI18n();
  const loaded = useEvent(props.kind, props.params.id ?? "");
  if (!loaded.data) return <LoadState error={loaded.error} title={t("checkin.title")} />;
  return <CheckinDesk event={loaded.data} />;
}

function CheckinDesk(props: { event: UnionEvent }) {
  const { t, lang } = useI18n();
  const { event } = props;
  const notices = useNotices();
  const [rows, setRows] = useState<Participant[] | null>(null);
  const [query, setQuery] = useState("");
  const [busy, setBusy] = useState<string | null>(null);
  const search = useRef<HTMLInputElement>(null);

  const load = useCallback(async () => {
    try {
      setRows(await loadArrivals(event));
    } catch (error) {
      setRows((current) => current ?? []);
      notices.alert("checkin", (tr) => alertText(error, tr, false, []));
    }
  }, [event.id]);

  useEffect(() => {
    void load();
  }, [load]);

  const shown = useMemo(() => filterParticipants(rows ?? [], query), [rows, query]);
  const arrived = (rows ?? []).filter((r) => r.checked_in_at).length;

  const mark = async (row: Participant, arrive: boolean) => {
    if (busy) return;
    setBusy(row.member_id);
    try {
      const fresh = arrive
        ? await api.checkIn(event.kind, event.id, row.member_id)
        : await api.undoCheckIn(event.kind, event.id, row.member_id);
      const updated = { ...row, ...fresh, checked_in_at: fresh?.checked_in_at ?? (arrive ? new Date().toISOString() : null) };
      setRows((all) => (all ?? []).map((r) => (r.member_id === row.member_id ? updated : r)));
      const name = fullName(row);
      notices.status("checkin", (tr) => tr(arrive ? "checkin.arrivedNotice" : "checkin.undoneNotice", { name }));
      if (arrive) {
        setQuery("");
        search.current?.focus();
      }
    } catch (error) {
      notices.alert("checkin", (tr) => alertText(error, tr, false, []));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="checkin">
      <PageTitle title={t("checkin.title")} />
      <p class="lead">{inLanguage(event.title, lang)}</p>
      <p class="checkin-counts" aria-live="polite" data-testid="checkin-counts">
        {rows ? t("checkin.counts", { arrived, total: rows.length }) : t("app.loading")}
      </p>
      <div class="field big-search">
        <label for="checkin-q">{t("checkin.search")}</label>
        <input
          ref={search}
          id="checkin-q"
          name="q"
          type="search"
          inputMode="search"
          autoComplete="off"
          autoCapitalize="off"
          spellcheck={false}
          value={query}
          onInput={(e) => setQuery(e.currentTarget.value)}
          aria-controls="checkin-list"
        />
      </div>
      <Notice notices={notices} owner="checkin" />
      {rows && rows.length === 0 ? <p data-testid="checkin-empty">{t("checkin.nobody")}</p> : null}
      {rows && rows.length > 0 && shown.length === 0 ? <p data-testid="checkin-no-match">{t("checkin.noMatch")}</p> : null}
      <ul class="checkin-list" id="checkin-list" aria-label={t("checkin.listLabel")}>
        {shown.map((row) => (
          <CheckinRow key={row.member_id} row={row} busy={busy === row.member_id} onMark={(arrive) => void mark(row, arrive)} />
        ))}
      </ul>
      <div class="actions">
        <button type="button" data-testid="refresh-checkin" onClick={() => void load()}>
          {t("common.refresh")}
        </button>
        <Link to={pagePath(event.kind, event.id, "participants")} class="button-link">
          {t("participants.title")}
        </Link>
      </div>
    </section>
  );
}

function CheckinRow(props: { row: Participant; busy: boolean; onMark: (arrive: boolean) => void }) {
  const { t, lang } = useI18n();
  const { row } = props;
  const name = fullName(row);
  const here = Boolean(row.checked_in_at);
  return (
    <li class={here ? "checkin-row arrived" : "checkin-row"} data-testid={`checkin-row-${row.member_id}`}>
      <div class="checkin-who">
        <span class="checkin-name">{name}</span>
        <span class="muted checkin-email">{row.email}</span>
        {here ? (
          <span class="checkin-time" data-testid={`arrived-${row.member_id}`}>
            {t("checkin.arrivedAt", { time: formatEventClock(row.checked_in_at, lang) })}
          </span>
        ) : null}
      </div>
      {here ? (
        <button
          type="button"
          class="checkin-button"
          data-testid={`undo-checkin-${row.member_id}`}
          aria-label={t("checkin.undoLabel", { name })}
          disabled={props.busy}
          onClick={() => props.onMark(false)}
        >
          {t("checkin.undo")}
        </button>
      ) : (
        <button
          type="button"
          class="primary checkin-button"
          data-testid={`checkin-${row.member_id}`}
          aria-label={t("checkin.arriveLabel", { name })}
          disabled={props.busy}
          onClick={() => props.onMark(true)}
        >
          {t("checkin.arrive")}
        </button>
      )}
    </li>
  );
}
