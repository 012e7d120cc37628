/**
 * "My elections": the ones open for voting (and whether I have voted), then the closed and
 * published ones. An election officer sees every election, drafts included, with the management links.
 */
import { useEffect, useState } from "preact/hooks";
import type { Election } from "../../api/types";
import { Loading } from "../../components/Guard";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventTime } from "../../lib/eventTime";
import { alertText } from "../../lib/forms";
import { ELECTION_ROLES, api, hasAnyRole, useSession } from "../../services";
import { MyBadge, StatusBadge, electionPage, kindLabel, titleOf } from "./shared";

export type Section = "open" | "upcoming" | "closed" | "drafts" | "cancelled";

/** Which heading an election goes under. */
export function sectionOf(election: Election): Section {
  switch (election.status) {
    case "draft":
      return "drafts";
    case "open":
      return "open";
    case "cancelled":
      return "cancelled";
    default:
      return "closed";
  }
}

const ORDER: Section[] = ["open", "drafts", "closed", "cancelled"];

export function ElectionList() {
  const { t } = useI18n();
  const notices = useNotices();
  const { me } = useSession();
  const [items, setItems] = useState<Election[] | null>(null);
  const officer = hasAnyRole(me, ELECTION_ROLES);

  useEffect(() => {
    let alive = true;
    api
      .elections()
      .then((page) => alive && setItems(page.items ?? []))
      .catch((error: unknown) => {
        if (!alive) return;
        setItems([]);
        notices.alert("page", (tr) => alertText(error, tr, false, []));
      });
    return () => {
      alive = false;
    };
  }, []);

  const bySection = new Map<Section, Election[]>();
  for (const e of items ?? []) bySection.set(sectionOf(e), [...(bySection.get(sectionOf(e)) ?? []), e]);
  return (
    <section>
      <PageTitle title={officer ? t("elections.titleOfficer") : t("elections.title")} />
      <Notice notices={notices} owner="page" />
      {officer ? (
        <div class="actions">
          <Link to={electionPage("new")} class="button-link primary-link" data-testid="new-election">
            {t("elections.new")}
          </Link>
        </div>
      ) : null}
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="elections-empty">{t("elections.empty")}</p>
      ) : (
        ORDER.filter((s) => bySection.get(s)?.length).map((s) => (
          <section key={s} aria-labelledby={`elections-${s}`}>
            <h2 id={`elections-${s}`}>{t(`elections.sections.${s}`)}</h2>
            <ul class="cards election-list" data-testid={`elections-${s}`}>
              {bySection.get(s)!.map((e) => (
                <ElectionCard key={e.id} election={e} />
              ))}
            </ul>
          </section>
        ))
      )}
    </section>
  );
}

function ElectionCard(props: { election: Election }) {
  const { t, lang } = useI18n();
  const { election } = props;
  const canVote = election.status === "open" && election.my.on_roll && !election.my.voted;
  return (
    <li class="card election-card" data-testid={`election-${election.id}`}>
      <h3 class="card-title">
        <Link to={electionPage(election.id)} data-testid={`open-${election.id}`}>
          {titleOf(t, election.title, lang)}
        </Link>
      </h3>
      <p>
        <StatusBadge status={election.status} />
        <MyBadge election={election} />
        <span class="muted">{kindLabel(t, election.kind)}</span>
      </p>
      <p class="muted">
        {election.status === "draft" || election.status === "open"
          ? t("elections.closesAt", { time: formatEventTime(election.closes_at, lang) })
          : t("elections.closedAt", { time: formatEventTime(election.closes_at, lang) })}
      </p>
      <div class="actions secondary-actions">
        {canVote ? (
          <Link to={electionPage(election.id, "vote")} class="button-link primary-link" data-testid={`vote-${election.id}`}>
            {t("elections.vote")}
          </Link>
        ) : null}
        {election.status === "published" ? (
          <Link to={electionPage(election.id, "results")} class="button-link" data-testid={`results-${election.id}`}>
            {t("elections.results")}
          </Link>
        ) : null}
        {election.can_manage ? (
          <Link to={electionPage(election.id, "manage")} class="button-link" data-testid={`manage-${election.id}`}>
            {t("elections.manage")}
          </Link>
        ) : null}
      </div>
    </li>
  );
}
