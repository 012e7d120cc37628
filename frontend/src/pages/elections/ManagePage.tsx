/**
 * The election officer's desk for one election: open it, watch turnout while voting (counts only,
 * refreshing), close it, and approve and publish the count; also cancel. Each irreversible step asks
 * for a second click.
 */
import { useCallback, useEffect, useState } from "preact/hooks";
import type { Election, Turnout } from "../../api/types";
import { Link } from "../../components/Link";
import { Notice, type Notices, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventTime } from "../../lib/eventTime";
import { locale } from "../../lib/format";
import { alertText, useForm } from "../../lib/forms";
import { percent } from "../../lib/elections/results";
import { api } from "../../services";
import { LoadState, StatusBadge, electionPage, kindLabel, titleOf, useElection } from "./shared";

/** How often turnout is fetched again while voting is open, and the status while counting. */
export const TURNOUT_REFRESH_MS = 15_000;
export const COUNTING_REFRESH_MS = 2_000;

export function ManagePage(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const loaded = useElection(props.params.id ?? "");
  // Made here, before loading, so that a message left by the previous page (a flash) shows.
  const notices = useNotices();
  if (!loaded.data) return <LoadState error={loaded.error} title={t("manage.title")} />;
  return <Desk election={loaded.data} onElection={loaded.set} reload={loaded.reload} notices={notices} />;
}

function Desk(props: { election: Election; onElection: (e: Election) => void; reload: () => Promise<void>; notices: Notices }) {
  const { t, lang } = useI18n();
  const { election: e, notices } = props;

  // While the opening or closing workflow runs, look again until voting opens or the count is ready.
  useEffect(() => {
    if (e.status !== "opening" && e.status !== "closing") return;
    const timer = window.setInterval(() => void props.reload(), COUNTING_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [e.status]);

  return (
    <section data-testid="manage-page" data-status={e.status}>
      <PageTitle title={t("manage.titleOf", { title: titleOf(t, e.title, lang) })} />
      <p>
        <StatusBadge status={e.status} /> <span class="muted">{kindLabel(t, e.kind)}</span>
      </p>
      <Notice notices={notices} owner="page" />
      <nav class="manager-links" aria-label={t("manage.links")}>
        <Link to={electionPage(e.id)} class="button-link" data-testid="election-overview">
          {t("manage.overview")}
        </Link>
        {e.status === "draft" || e.status === "open" ? (
          <Link to={electionPage(e.id, "edit")} class="button-link" data-testid="edit-election">
            {t("elections.edit")}
          </Link>
        ) : null}
        <Link to={electionPage(e.id, "vote")} class="button-link" data-testid="preview-ballot">
          {t("manage.preview")}
        </Link>
        {e.status !== "draft" ? (
          <Link to={electionPage(e.id, "board")} class="button-link" data-testid="open-board">
            {t("elections.board")}
          </Link>
        ) : null}
        {e.status === "counted" || e.status === "published" ? (
          <Link to={electionPage(e.id, "results")} class="button-link" data-testid="open-results">
            {t("elections.results")}
          </Link>
        ) : null}
      </nav>
      <div class="card">
        <dl class="facts">
          <div>
            <dt>{t("elections.voting")}</dt>
            <dd>{t("elections.window", { from: formatEventTime(e.opens_at, lang), to: formatEventTime(e.closes_at, lang) })}</dd>
          </div>
          <div>
            <dt>{t("elections.roll")}</dt>
            <dd data-testid="roll-count">{e.roll_count ?? t("manage.rollAtOpening")}</dd>
          </div>
        </dl>
      </div>
      {e.status === "draft" ? <OpenStep election={e} notices={notices} onElection={props.onElection} /> : null}
      {e.status === "open" ? (
        <>
          <TurnoutCard election={e} />
          <CloseStep election={e} notices={notices} onElection={props.onElection} />
        </>
      ) : null}
      {e.status === "opening" ? (
        <p class="notice" role="status" data-testid="opening">
          {t("manage.opening")}
        </p>
      ) : null}
      {e.status === "closing" ? (
        <p class="notice" role="status" data-testid="counting">
          {t("manage.counting")}
        </p>
      ) : null}
      {e.status === "counted" ? <PublishStep election={e} notices={notices} reload={props.reload} /> : null}
      {e.status === "published" ? (
        <p class="notice notice-success" data-testid="published">
          {t("manage.publishedNote")}{" "}
          <Link to={electionPage(e.id, "results")} data-testid="to-results">
            {t("elections.results")}
          </Link>
        </p>
      ) : null}
      {e.status === "cancelled" ? (
        <p class="notice notice-error" data-testid="cancelled">
          {t("manage.cancelledNote")}
        </p>
      ) : null}
      {e.status === "draft" || e.status === "open" ? <CancelStep election={e} notices={notices} onElection={props.onElection} /> : null}
    </section>
  );
}

/** A step that takes two clicks: the button, then "Yes, …" in a box saying what cannot be undone. */
function TwoStep(props: {
  id: string;
  title: string;
  intro: string;
  button: string;
  confirm: string;
  danger?: boolean;
  busy: boolean;
  notices: Notices;
  onConfirm: () => void;
}) {
  const { t } = useI18n();
  const [confirming, setConfirming] = useState(false);
  return (
    <section class={props.danger ? "card danger-zone" : "card"} aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <p>{props.intro}</p>
      <Notice notices={props.notices} owner={props.id} />
      {confirming ? (
        <div class="confirm-box" role="group" aria-label={props.title}>
          <div class="actions">
            <button
              type="button"
              id={`confirm-${props.id}`}
              class={props.danger ? "danger" : "primary"}
              data-testid={`confirm-${props.id}`}
              disabled={props.busy}
              onClick={props.onConfirm}
            >
              {props.confirm}
            </button>
            <button type="button" data-testid={`keep-${props.id}`} onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <button
            type="button"
            class={props.danger ? "danger-outline" : "primary"}
            data-testid={props.id}
            onClick={() => {
              setConfirming(true);
              window.requestAnimationFrame(() => document.getElementById(`confirm-${props.id}`)?.focus());
            }}
          >
            {props.button}
          </button>
        </div>
      )}
    </section>
  );
}

function OpenStep(props: { election: Election; notices: Notices; onElection: (e: Election) => void }) {
  const { t } = useI18n();
  const form = useForm("open-election", [], props.notices);
  const open = () =>
    void form.run(async () => {
      props.onElection(await api.openElection(props.election.id));
      props.notices.status("page", (tr) => tr("manage.opened"));
    });
  return (
    <TwoStep
      id="open-election"
      title={t("manage.openTitle")}
      intro={t("manage.openIntro")}
      button={t("manage.open")}
      confirm={t("manage.confirmOpen")}
      busy={form.busy}
      notices={props.notices}
      onConfirm={open}
    />
  );
}

function CloseStep(props: { election: Election; notices: Notices; onElection: (e: Election) => void }) {
  const { t } = useI18n();
  const form = useForm("close-election", [], props.notices);
  const close = () =>
    void form.run(async () => {
      props.onElection(await api.closeElection(props.election.id));
      props.notices.status("page", (tr) => tr("manage.closed"));
    });
  return (
    <TwoStep
      id="close-election"
      title={t("manage.closeTitle")}
      intro={t("manage.closeIntro")}
      button={t("manage.close")}
      confirm={t("manage.confirmClose")}
      busy={form.busy}
      notices={props.notices}
      onConfirm={close}
    />
  );
}

function PublishStep(props: { election: Election; notices: Notices; reload: () => Promise<void> }) {
  const { t } = useI18n();
  const form = useForm("publish-results", [], props.notices);
  const publish = () =>
    void form.run(async () => {
      await api.publishResults(props.election.id);
      await props.reload();
      props.notices.status("page", (tr) => tr("manage.publishedNow"));
    });
  return (
    <>
      <p class="notice" data-testid="counted">
        {t("manage.countedNote")}{" "}
        <Link to={electionPage(props.election.id, "results")} data-testid="see-count">
          {t("manage.seeCount")}
        </Link>
      </p>
      <TwoStep
        id="publish-results"
        title={t("manage.publishTitle")}
        intro={t("manage.publishIntro")}
        button={t("manage.publish")}
        confirm={t("manage.confirmPublish")}
        busy={form.busy}
        notices={props.notices}
        onConfirm={publish}
      />
    </>
  );
}

function CancelStep(props: { election: Election; notices: Notices; onElection: (e: Election) => void }) {
  const { t } = useI18n();
  const form = useForm("cancel-election", [], props.notices);
  const cancel = () =>
    void form.run(async () => {
      props.onElection(await api.cancelElection(props.election.id));
      props.notices.status("page", (tr) => tr("manage.cancelledNow"));
    });
  return (
    <TwoStep
      id="cancel-election"
      title={t("manage.cancelTitle")}
      intro={props.election.status === "open" ? t("manage.cancelIntroOpen") : t("manage.cancelIntro")}
      button={t("manage.cancel")}
      confirm={t("manage.confirmCancel")}
      danger
      busy={form.busy}
      notices={props.notices}
      onConfirm={cancel}
    />
  );
}

/** Counts only (never a partial result), fetched again every few seconds while the page is open. */
function TurnoutCard(props: { election: Election }) {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const [turnout, setTurnout] = useState<Turnout | null>(null);
  const [at, setAt] = useState<Date | null>(null);
  const [busy, setBusy] = useState(false);
  const id = props.election.id;
  const load = useCallback(async () => {
    setBusy(true);
    try {
      setTurnout(await api.turnout(id));
      setAt(new Date());
      notices.clear();
    } catch (error) {
      notices.alert("turnout", (tr) => alertText(error, tr, false, []));
    } finally {
      setBusy(false);
    }
    // notices' functions are stable; the election's id is all that matters.
  }, [id]);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), TURNOUT_REFRESH_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  return (
    <section class="card" aria-labelledby="turnout-title" data-testid="turnout">
      <h2 id="turnout-title">{t("manage.turnoutTitle")}</h2>
      <Notice notices={notices} owner="turnout" />
      {turnout ? (
        <>
          <dl class="counts">
            <div>
              <dt>{t("manage.ballotsCast")}</dt>
              <dd data-testid="ballots-cast">{turnout.ballots_cast}</dd>
            </div>
            <div>
              <dt>{t("elections.roll")}</dt>
              <dd>{turnout.roll_count}</dd>
            </div>
            <div>
              <dt>{t("results.turnout")}</dt>
              <dd data-testid="turnout-share">{percent(turnout.turnout, locale(lang))}</dd>
            </div>
          </dl>
          {turnout.by_branch ? (
            <div class="table-wrap">
              <table data-testid="turnout-by-branch">
                <caption>{t("manage.byBranch")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("manage.branch")}</th>
                    <th scope="col" class="num">
                      {t("elections.roll")}
                    </th>
                    <th scope="col" class="num">
                      {t("manage.ballotsCast")}
                    </th>
                    <th scope="col" class="num">
                      {t("results.turnout")}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {turnout.by_branch.map((b) => (
                    <tr key={b.branch_id} data-testid={`turnout-${b.branch_id}`}>
                      <th scope="row">{b.name}</th>
                      <td class="num">{b.roll_count}</td>
                      <td class="num">{b.ballots_cast}</td>
                      <td class="num">{b.roll_count ? percent(b.ballots_cast / b.roll_count, locale(lang)) : "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
        </>
      ) : null}
      <p class="hint">
        {at ? t("manage.updatedAt", { time: at.toLocaleTimeString(locale(lang), { hour: "2-digit", minute: "2-digit", second: "2-digit" }) }) : ""}
      </p>
      <div class="actions">
        <button type="button" data-testid="refresh-turnout" disabled={busy} onClick={() => void load()}>
          {t("common.refresh")}
        </button>
      </div>
    </section>
  );
}
