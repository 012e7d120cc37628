/** The organizer's participant list: status tabs, search, paging, exports, and for trainings attendance. */
import { useCallback, useEffect, useMemo, useRef, useState } from "preact/hooks";
import type { EventKind, Participant, ParticipantTab, UnionEvent } from "../../api/types";
import { TextField } from "../../components/Field";
import { Link } from "../../components/Link";
import { Notice, type Notices, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { formatAnswer } from "../../components/QuestionFields";
import { useI18n } from "../../i18n/context";
import { formatEventTime } from "../../lib/eventTime";
import { useForm } from "../../lib/forms";
import { fullName } from "../../lib/format";
import { type Question, questionsFromSchema } from "../../lib/questions";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";
import { Completion, ExportButtons } from "./ParticipantTools";
import { LoadState, pagePath, useEvent } from "./shared";

export const PAGE_LIMIT = 100;

export function tabsFor(event: UnionEvent): ParticipantTab[] {
  const tabs: ParticipantTab[] = ["confirmed", "waiting", "checked_in"];
  if (event.kind === "training" && event.requires_approval) tabs.push("pending_approval");
  return tabs;
}

export function Participants(props: { kind: EventKind; params: Record<string, string> }) {
  const { t } = useI18n();
  const loaded = useEvent(props.kind, props.params.id ?? "");
  if (!loaded.data) return <LoadState error={loaded.error} title={t("participants.title")} />;
  return <ParticipantsOf event={loaded.data} />;
}

function ParticipantsOf(props: { event: UnionEvent }) {
  const { t, lang } = useI18n();
  const { event } = props;
  const notices = useNotices();
  const questions = useMemo(() => questionsFromSchema(event.questions), [event.questions]);
  const tabs = tabsFor(event);
  const [tab, setTab] = useState<ParticipantTab>("confirmed");
  const [q, setQ] = useState("");
  const applied = useRef("");
  const [rows, setRows] = useState<Participant[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const form = useForm("participants", ["q", "status", "cursor"], notices);

  const load = useCallback(
    (status: ParticipantTab, query: string, cursor: string | null) =>
      form.run(async () => {
        const page = await api.participants(event.kind, event.id, { status, q: query || undefined, limit: PAGE_LIMIT, cursor });
        setRows((current) => (cursor ? [...(current ?? []), ...(page.items ?? [])] : (page.items ?? [])));
        setNext(page.next ?? null);
      }),
    [form.run, event.kind, event.id],
  );

  useEffect(() => {
    setRows(null);
    void load(tab, applied.current, null);
  }, [tab]);

  const onSearch = (e: Event) => {
    e.preventDefault();
    applied.current = q.trim();
    void load(tab, applied.current, null);
  };

  const replaceRow = (row: Participant) => setRows((all) => (all ?? []).map((r) => (r.member_id === row.member_id ? row : r)));
  const title = inLanguage(event.title, lang);
  return (
    <section>
      <PageTitle title={t("participants.titleOf", { title })} />
      <p>
        <Link to={pagePath(event.kind, event.id)} data-testid="back-to-event">
          {t("participants.back")}
        </Link>{" "}
        ·{" "}
        <Link to={pagePath(event.kind, event.id, "checkin")} data-testid="open-checkin">
          {t("checkin.title")}
        </Link>
      </p>
      <SeatCounts event={event} />
      <ExportButtons event={event} notices={notices} />
      <Tabs tabs={tabs} current={tab} onTab={setTab} />
      <div role="tabpanel" id="participants-panel" aria-labelledby={`tab-${tab}`} tabIndex={0} class="tabpanel">
        <form ref={form.formRef} onSubmit={onSearch} noValidate role="search" class="inline-search">
          <TextField
            id="participants-q"
            name="q"
            type="search"
            label={t("participants.search")}
            hint={t("participants.searchHint")}
            value={q}
            onValue={setQ}
            autoComplete="off"
          />
          <button type="submit" data-testid="search-participants" disabled={form.busy}>
            {t("participants.searchButton")}
          </button>
        </form>
        <Notice notices={notices} owner="participants" />
        <ParticipantTable event={event} questions={questions} rows={rows} onRow={replaceRow} notices={notices} />
        {next ? (
          <div class="actions">
            <button
              type="button"
              data-testid="more-participants"
              disabled={form.busy}
              onClick={() => void load(tab, applied.current, next)}
            >
              {t("participants.more")}
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}

function SeatCounts(props: { event: UnionEvent }) {
  const { t } = useI18n();
  const seats = props.event.seats;
  if (!seats) return null;
  return (
    <dl class="counts" data-testid="seat-counts">
      <div>
        <dt>{t("participants.capacity")}</dt>
        <dd>{seats.capacity}</dd>
      </div>
      <div>
        <dt>{t("participants.tabs.confirmed")}</dt>
        <dd data-testid="count-confirmed">{seats.confirmed}</dd>
      </div>
      <div>
        <dt>{t("participants.free")}</dt>
        <dd>{seats.free}</dd>
      </div>
      <div>
        <dt>{t("participants.tabs.waiting")}</dt>
        <dd data-testid="count-waiting">{seats.waiting}</dd>
      </div>
    </dl>
  );
}

/** ARIA tabs: arrow keys move between them, Home/End to the ends. */
function Tabs(props: { tabs: ParticipantTab[]; current: ParticipantTab; onTab: (tab: ParticipantTab) => void }) {
  const { t } = useI18n();
  const { tabs } = props;
  const onKeyDown = (e: KeyboardEvent) => {
    const i = tabs.indexOf(props.current);
    const moves: Record<string, number> = {
      ArrowRight: (i + 1) % tabs.length,
      ArrowLeft: (i - 1 + tabs.length) % tabs.length,
      Home: 0,
      End: tabs.length - 1,
    };
    const to = moves[e.key] ?? -1;
    if (to < 0) return;
    e.preventDefault();
    props.onTab(tabs[to]!);
    window.requestAnimationFrame(() => document.getElementById(`tab-${tabs[to]}`)?.focus());
  };
  return (
    <div role="tablist" aria-label={t("participants.tabsLabel")} class="tabs" onKeyDown={onKeyDown}>
      {tabs.map((tab) => (
        <button
          key={tab}
          type="button"
          role="tab"
          id={`tab-${tab}`}
          data-testid={`tab-${tab}`}
          aria-selected={tab === props.current ? "true" : "false"}
          aria-controls="participants-panel"
          tabIndex={tab === props.current ? 0 : -1}
          onClick={() => props.onTab(tab)}
        >
          {t(`participants.tabs.${tab}`)}
        </button>
      ))}
    </div>
  );
}

function ParticipantTable(props: {
  event: UnionEvent;
  questions: Question[];
  rows: Participant[] | null;
  onRow: (row: Participant) => void;
  notices: Notices;
}) {
  const { t, lang } = useI18n();
  const { rows, questions, event } = props;
  if (rows === null) return <p class="loading">{t("app.loading")}</p>;
  if (rows.length === 0) return <p data-testid="participants-empty">{t("participants.empty")}</p>;
  const training = event.kind === "training";
  return (
    <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="participants-caption">
      <table data-testid="participants-table">
        <caption id="participants-caption" class="visually-hidden">
          {t("participants.title")}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t("participants.name")}</th>
            <th scope="col">{t("participants.email")}</th>
            <th scope="col">{t("participants.status")}</th>
            <th scope="col">{t("participants.registered")}</th>
            {questions.map((q) => (
              <th scope="col" key={q.key}>
                {inLanguage(q.title, lang) || q.key}
              </th>
            ))}
            {training ? <th scope="col">{t("participants.completed")}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.member_id} data-testid={`participant-${row.member_id}`}>
              <th scope="row">{fullName(row)}</th>
              <td>{row.email}</td>
              <td>
                <StatusCell row={row} />
              </td>
              <td>{formatEventTime(row.registered_at, lang)}</td>
              {questions.map((q) => (
                <td key={q.key} data-testid={`answer-${row.member_id}-${q.key}`}>
                  {formatAnswer(t, row.answers?.[q.key])}
                </td>
              ))}
              {training ? (
                <td>
                  <Completion event={event} row={row} onRow={props.onRow} notices={props.notices} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function StatusCell(props: { row: Participant }) {
  const { t, lang } = useI18n();
  const { row } = props;
  const status =
    row.status === "waiting" && row.position
      ? t("participants.waitingAt", { position: row.position })
      : t(`participants.statuses.${row.status as "confirmed"}`, { defaultValue: row.status });
  return (
    <>
      {status}
      {row.checked_in_at ? (
        <span class="muted">
          <br />
          {t("participants.checkedInAt", { time: formatEventTime(row.checked_in_at, lang) })}
        </span>
      ) : null}
    </>
  );
}
