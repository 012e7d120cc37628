/** One election as a member sees it: what is asked, when, my standing, and where to go next. */
import type { Election } from "../../api/types";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventTime } from "../../lib/eventTime";
import { inLanguage } from "../../lib/texts";
import { LoadState, MyBadge, StatusBadge, electionPage, kindLabel, titleOf, useElection } from "./shared";

export function ElectionDetail(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const loaded = useElection(props.params.id ?? "");
  if (!loaded.data) return <LoadState error={loaded.error} title={t("elections.title")} />;
  return <Detail election={loaded.data} />;
}

/** What a voter may do now, in words. */
function standingText(t: ReturnType<typeof useI18n>["t"], e: Election): string {
  if (e.my.voted) return t("elections.standing.voted");
  if (e.status === "open") return e.my.on_roll ? t("elections.standing.canVote") : t("elections.standing.notOnRoll");
  if (e.status === "draft") return t("elections.standing.draft");
  if (e.status === "cancelled") return t("elections.standing.cancelled");
  if (e.status === "published") return t("elections.standing.published");
  return t("elections.standing.counting");
}

function Detail(props: { election: Election }) {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const { election: e } = props;
  const description = inLanguage(e.description, lang);
  const canVote = e.status === "open" && e.my.on_roll && !e.my.voted;
  return (
    <section data-testid="election-detail" data-election-id={e.id}>
      <PageTitle title={titleOf(t, e.title, lang)} />
      <Notice notices={notices} owner="page" />
      <p>
        <StatusBadge status={e.status} />
        <MyBadge election={e} />
      </p>
      {description ? <p class="description">{description}</p> : null}
      <div class="card">
        <dl class="facts">
          <div>
            <dt>{t("elections.kind")}</dt>
            <dd>
              {kindLabel(t, e.kind)}
              {e.seats > 1 ? ` · ${t("results.seats", { count: e.seats })}` : ""}
            </dd>
          </div>
          <div>
            <dt>{t("elections.voting")}</dt>
            <dd>{t("elections.window", { from: formatEventTime(e.opens_at, lang), to: formatEventTime(e.closes_at, lang) })}</dd>
          </div>
          {e.roll_count !== null ? (
            <div>
              <dt>{t("elections.roll")}</dt>
              <dd data-testid="roll-count">{e.roll_count}</dd>
            </div>
          ) : null}
        </dl>
        <p data-testid="my-standing">{standingText(t, e)}</p>
        <div class="actions">
          {canVote ? (
            <Link to={electionPage(e.id, "vote")} class="button-link primary-link" data-testid="vote">
              {t("elections.vote")}
            </Link>
          ) : null}
          {e.status !== "draft" ? (
            <Link to={electionPage(e.id, "board")} class="button-link" data-testid="open-board">
              {t("elections.board")}
            </Link>
          ) : null}
          {e.status === "published" || (e.can_manage && e.status === "counted") ? (
            <Link to={electionPage(e.id, "results")} class="button-link" data-testid="open-results">
              {t("elections.results")}
            </Link>
          ) : null}
        </div>
      </div>
      {e.can_manage ? (
        <nav class="manager-links" aria-label={t("elections.manage")}>
          <Link to={electionPage(e.id, "manage")} class="button-link" data-testid="open-manage">
            {t("elections.manage")}
          </Link>
          {e.status === "draft" || e.status === "open" ? (
            <Link to={electionPage(e.id, "edit")} class="button-link" data-testid="edit-election">
              {t("elections.edit")}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
