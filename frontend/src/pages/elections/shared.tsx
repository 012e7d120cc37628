/** What the election pages share: paths, loading, names of kinds and statuses, badges. */
import type { TFunction } from "i18next";
import { useEffect, useState } from "preact/hooks";
import type { Election, ElectionKind, ElectionStatus, Texts } from "../../api/types";
import { useI18n } from "../../i18n/context";
import { inLanguage } from "../../lib/texts";
import { api, useSession } from "../../services";
import { useLoad, type Loaded } from "../events/shared";

export { LoadState, useLoad } from "../events/shared";

/** The web page of an election: "/elections/<id>/vote", "/elections/new" … */
export function electionPage(id?: string, sub?: string): string {
  return ["/elections", id ? encodeURIComponent(id) : null, sub ?? null].filter(Boolean).join("/");
}

export function useElection(id: string): Loaded<Election> {
  return useLoad(() => api.election(id));
}

export function titleOf(t: TFunction, texts: Texts | null | undefined, lang: string): string {
  return inLanguage(texts, lang) || t("elections.untitled");
}

export function kindLabel(t: TFunction, kind: ElectionKind | string): string {
  switch (kind) {
    case "yesno":
      return t("elections.kinds.yesno");
    case "plurality":
      return t("elections.kinds.plurality");
    case "approval":
      return t("elections.kinds.approval");
    case "irv":
      return t("elections.kinds.irv");
    case "stv-scottish":
      return t("elections.kinds.stv-scottish");
    case "stv-meek":
      return t("elections.kinds.stv-meek");
    case "dhondt":
      return t("elections.kinds.dhondt");
    default:
      return kind;
  }
}

export function statusLabel(t: TFunction, status: ElectionStatus | string): string {
  switch (status) {
    case "draft":
      return t("elections.statuses.draft");
    case "opening":
      return t("elections.statuses.opening");
    case "open":
      return t("elections.statuses.open");
    case "closing":
      return t("elections.statuses.closing");
    case "counted":
      return t("elections.statuses.counted");
    case "published":
      return t("elections.statuses.published");
    case "cancelled":
      return t("elections.statuses.cancelled");
    default:
      return status;
  }
}

const TONE: Record<string, string> = {
  draft: "",
  opening: "badge-warning",
  open: "badge-success",
  closing: "badge-warning",
  counted: "badge-info",
  published: "badge-info",
  cancelled: "badge-danger",
};

export function StatusBadge(props: { status: ElectionStatus }) {
  const { t } = useI18n();
  return (
    <span class={`badge ${TONE[props.status] ?? ""}`} data-testid="election-status" data-status={props.status}>
      {statusLabel(t, props.status)}
    </span>
  );
}

/** The badge of the caller's own standing in an election they may vote in. */
export function MyBadge(props: { election: Election }) {
  const { t } = useI18n();
  const { election } = props;
  if (election.my.voted) {
    return (
      <span class="badge badge-success" data-testid="my-vote" data-voted="true">
        {t("elections.youVoted")}
      </span>
    );
  }
  if (election.my.on_roll && election.status === "open") {
    return (
      <span class="badge badge-warning" data-testid="my-vote" data-voted="false">
        {t("elections.notVotedYet")}
      </span>
    );
  }
  return null;
}

/**
 * The election's title on a public page (board, results): from the public answer when it carries
 * one, else from the election itself when the visitor is signed in and may see it.
 */
export function useElectionTitle(id: string, known: Texts | null | undefined): Texts | null {
  const { phase } = useSession();
  const [title, setTitle] = useState<Texts | null>(known ?? null);
  useEffect(() => {
    if (known) {
      setTitle(known);
      return;
    }
    if (phase !== "signedIn") return;
    let alive = true;
    api
      .election(id)
      .then((e) => alive && setTitle(e.title))
      .catch(() => undefined);
    return () => {
      alive = false;
    };
  }, [id, phase, known]);
  return title;
}

/** Hashes are long: shown whole (they are what people compare) but allowed to wrap anywhere. */
export function Hash(props: { value: string | null | undefined; testId?: string }) {
  return (
    <code class="hash" data-testid={props.testId}>
      {props.value ?? "—"}
    </code>
  );
}
