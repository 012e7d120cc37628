/**
 * Results, public once published (the officer sees the count before): winners, counts, the
 * round-by-round table, a bar chart with its values written on it, how ties were broken, the
 * board's final head, and the verification bundle with how to check it.
 */
import type { TFunction } from "i18next";
import { useEffect, useState } from "preact/hooks";
import type { ElectionResults, TieBreak } from "../../api/types";
import { ApiError } from "../../api/errors";
import { Loading } from "../../components/Guard";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { electionPath } from "../../api/endpoints";
import { formatEventTime } from "../../lib/eventTime";
import { locale } from "../../lib/format";
import { alertText } from "../../lib/forms";
import { isRanked } from "../../lib/elections/ballot";
import { type Bar, chartBars, comparisonRows, namesOf, percent, roundsTable, yesNoSummary } from "../../lib/elections/results";
import { api } from "../../services";
import { optionName } from "./BallotMarks";
import { Hash, electionPage, kindLabel, titleOf, useElectionTitle } from "./shared";

export function ResultsPage(props: { params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = props.params.id ?? "";
  const notices = useNotices();
  const [results, setResults] = useState<ElectionResults | null>(null);
  const [missing, setMissing] = useState(false);
  const title = useElectionTitle(id, results?.title);

  useEffect(() => {
    api
      .results(id)
      .then(setResults)
      .catch((error: unknown) => {
        if (error instanceof ApiError && error.status === 404) setMissing(true);
        else notices.alert("page", (tr) => alertText(error, tr, false, []));
      });
  }, [id]);

  const heading = title ? t("results.titleOf", { title: titleOf(t, title, lang) }) : t("results.title");
  return (
    <section class="results-page" data-testid="results-page">
      <PageTitle title={heading} />
      <Notice notices={notices} owner="page" />
      {missing ? (
        <div class="card" data-testid="results-missing">
          <p>{t("results.notPublished")}</p>
          <p>
            <Link to={electionPage(id, "board")}>{t("results.toBoard")}</Link>
          </p>
        </div>
      ) : results ? (
        <Results results={results} />
      ) : notices.notice ? null : (
        <Loading />
      )}
    </section>
  );
}

function Results(props: { results: ElectionResults }) {
  const { t, lang } = useI18n();
  const { results } = props;
  const ranked = isRanked(results.kind);
  return (
    <>
      {results.status === "counted" ? (
        <p class="notice notice-warning" data-testid="results-unpublished">
          {t("results.counted")}{" "}
          <Link to={electionPage(results.election_id, "manage")} data-testid="open-manage">
            {t("results.toManage")}
          </Link>
        </p>
      ) : null}
      <Summary results={results} />
      {results.kind === "yesno" ? <YesNoOutcome results={results} /> : <Winners results={results} />}
      <Chart results={results} />
      {ranked ? <RoundsTable results={results} /> : results.kind === "dhondt" ? <Comparison results={results} /> : <CountsTable results={results} />}
      <TieBreaks results={results} />
      <Verification results={results} />
      {results.published_at ? <p class="muted">{t("results.publishedAt", { time: formatEventTime(results.published_at, lang) })}</p> : null}
    </>
  );
}

function Summary(props: { results: ElectionResults }) {
  const { t, lang } = useI18n();
  const { results } = props;
  const share = results.roll_count ? results.ballots_cast / results.roll_count : null;
  return (
    <dl class="counts results-summary">
      <div>
        <dt>{t("results.ballots")}</dt>
        <dd data-testid="results-ballots">{results.ballots_cast}</dd>
      </div>
      <div>
        <dt>{t("results.roll")}</dt>
        <dd data-testid="results-roll">{results.roll_count}</dd>
      </div>
      <div>
        <dt>{t("results.turnout")}</dt>
        <dd>{share === null ? "—" : percent(share, locale(lang))}</dd>
      </div>
      <div>
        <dt>{t("results.kind")}</dt>
        <dd class="small">
          {kindLabel(t, results.kind)}
          {results.seats > 1 ? ` · ${t("results.seats", { count: results.seats })}` : ""}
        </dd>
      </div>
    </dl>
  );
}

function Winners(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const { results } = props;
  const names = namesOf(results.options);
  return (
    <section class="card winners" aria-labelledby="winners-title">
      <h2 id="winners-title">{t("results.elected", { count: results.elected.length })}</h2>
      {results.elected.length ? (
        <ol data-testid="results-elected">
          {results.elected.map((id) => (
            <li key={id} data-testid={`elected-${id}`}>
              <strong>{names.get(id) ?? id}</strong>
            </li>
          ))}
        </ol>
      ) : (
        <p data-testid="results-elected">{t("results.noneElected")}</p>
      )}
    </section>
  );
}

function YesNoOutcome(props: { results: ElectionResults }) {
  const { t, lang } = useI18n();
  const summary = yesNoSummary(props.results);
  const outcome = summary.quorumMet === false ? "noQuorum" : props.results.elected.includes("yes") ? "carried" : "rejected";
  return (
    <section class="card winners" aria-labelledby="winners-title">
      <h2 id="winners-title">{t("results.outcome")}</h2>
      <p class="outcome" data-testid="yesno-outcome" data-outcome={outcome}>
        <strong>{t(`results.yesno.${outcome}`)}</strong>
      </p>
      <p>
        {t("results.yesShare", { share: percent(summary.yesShare, locale(lang)) })}{" "}
        {summary.requiredShare
          ? t("results.requiredShare", { share: percent(summary.requiredShare, locale(lang)), fraction: summary.requiredShare })
          : t("results.simpleMajority")}
      </p>
      {summary.quorumMet !== null ? <p>{summary.quorumMet ? t("results.quorumMet") : t("results.quorumNotMet")}</p> : null}
    </section>
  );
}

function barName(t: TFunction, results: ElectionResults, bar: Bar): string {
  if (bar.id === "blank") return t("results.blank");
  return results.kind === "yesno" ? optionName(t, results, { id: bar.id, name: bar.name }) : bar.name;
}

/** Bars drawn in SVG, each with its name and value as text beside it: readable without the colours. */
function Chart(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const { results } = props;
  const bars = chartBars(results);
  if (!bars.length) return null;
  const max = Math.max(...bars.map((b) => b.value), 1);
  const caption =
    results.kind === "dhondt" ? t("results.chartLists") : isRanked(results.kind) ? t("results.chartFirst") : t("results.chartVotes");
  return (
    <figure class="card chart" data-testid="results-chart" aria-labelledby="chart-title">
      <figcaption>
        <h2 id="chart-title">{caption}</h2>
      </figcaption>
      <ul class="bar-chart">
        {bars.map((bar) => (
          <li key={bar.id} data-testid={`bar-${bar.id}`} class={bar.elected ? "elected" : undefined}>
            <span class="bar-name">{barName(t, results, bar)}</span>
            <svg class="bar-track" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
              <rect x="0" y="0" width={Math.max((100 * bar.value) / max, 0.5)} height="10" class={bar.elected ? "bar bar-elected" : "bar"} />
            </svg>
            <span class="bar-value">
              {bar.label}
              {bar.elected ? (
                <>
                  <span aria-hidden="true"> ✓</span>
                  <span class="visually-hidden"> {t("results.markElected")}</span>
                </>
              ) : null}
            </span>
          </li>
        ))}
      </ul>
    </figure>
  );
}

function CountsTable(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const { results } = props;
  const names = namesOf(results.options);
  const entries = Object.entries(results.counts);
  if (!entries.length) return null;
  const total = entries.reduce((n, [, v]) => n + v, 0);
  const yesno = results.kind === "yesno";
  return (
    <div class="table-wrap">
      <table data-testid="counts-table">
        <caption>{t("results.countsCaption")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("results.option")}</th>
            <th scope="col" class="num">
              {t("results.votes")}
            </th>
            {yesno ? null : <th scope="col">{t("results.electedColumn")}</th>}
          </tr>
        </thead>
        <tbody>
          {entries.map(([id, votes]) => (
            <tr key={id} data-testid={`count-${id}`}>
              <th scope="row">{id === "blank" ? t("results.blank") : results.kind === "yesno" ? optionName(t, results, { id, name: id }) : (names.get(id) ?? id)}</th>
              <td class="num">{votes}</td>
              {yesno ? null : <td>{results.elected.includes(id) ? t("results.yes") : ""}</td>}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("results.total")}</th>
            <td class="num">{total}</td>
            {yesno ? null : <td />}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function columnTitle(t: TFunction, results: ElectionResults, column: ReturnType<typeof roundsTable>["columns"][number]): string {
  const names = namesOf(results.options);
  const who = column.from.map((id) => names.get(id) ?? id).join(", ");
  const n = results.kind === "stv-scottish" ? t("results.stage", { n: column.number }) : t("results.round", { n: column.number });
  switch (column.action) {
    case "first":
      return `${n}: ${t("results.actions.first")}`;
    case "surplus":
      return `${n}: ${t("results.actions.surplus", { name: who })}`;
    case "exclusion":
      return `${n}: ${t("results.actions.exclusion", { name: who })}`;
    case "elimination":
      return `${n}: ${t("results.actions.elimination", { name: who })}`;
    case "count":
      return n;
  }
}

function RoundsTable(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const { results } = props;
  const table = roundsTable(results);
  const quota = results.rounds[0]?.quota;
  return (
    <section aria-labelledby="rounds-title">
      <h2 id="rounds-title">{results.kind === "stv-scottish" ? t("results.stagesTitle") : t("results.roundsTitle")}</h2>
      {typeof quota === "string" ? <p>{t("results.quota", { quota })}</p> : null}
      <div class="table-wrap" tabIndex={0} aria-labelledby="rounds-title">
        <table class="rounds" data-testid="rounds-table">
          <thead>
            <tr>
              <th scope="col">{t("results.candidate")}</th>
              {table.columns.map((c) => (
                <th scope="col" class="num" key={c.number}>
                  {columnTitle(t, results, c)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.id} data-testid={`round-row-${row.id}`} class={row.elected ? "elected-row" : undefined}>
                <th scope="row">
                  {row.name}
                  {row.elected ? <span class="badge badge-success">{t("results.electedBadge")}</span> : null}
                </th>
                {row.cells.map((cell, i) => (
                  <td class={`num ${row.marks[i] ? `mark-${row.marks[i]}` : ""}`} key={i}>
                    {cell ?? "—"}
                    {row.marks[i] === "elected" ? <span class="cell-mark"> ✓ {t("results.markElected")}</span> : null}
                    {row.marks[i] === "excluded" ? <span class="cell-mark"> ✗ {t("results.markExcluded")}</span> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          <tfoot>
            {table.footer.map((line) => (
              <tr key={line.key}>
                <th scope="row">{t(`results.footer.${line.key}`)}</th>
                {line.cells.map((cell, i) => (
                  <td class="num" key={i}>
                    {cell ?? ""}
                  </td>
                ))}
              </tr>
            ))}
          </tfoot>
        </table>
      </div>
    </section>
  );
}

function Comparison(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const rows = comparisonRows(props.results);
  return (
    <section aria-labelledby="comparison-title">
      <h2 id="comparison-title">{t("results.comparisonTitle")}</h2>
      <p class="hint">{t("results.comparisonHint")}</p>
      <div class="table-wrap" tabIndex={0} aria-labelledby="comparison-title">
        <table data-testid="comparison-table">
          <thead>
            <tr>
              <th scope="col">{t("results.candidate")}</th>
              <th scope="col">{t("results.list")}</th>
              <th scope="col">{t("results.alliance")}</th>
              <th scope="col" class="num">
                {t("results.votes")}
              </th>
              <th scope="col" class="num">
                {t("results.comparisonNumber")}
              </th>
              <th scope="col">{t("results.seat")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id} data-testid={`comparison-${row.id}`} class={row.elected ? "elected-row" : undefined}>
                <th scope="row">{row.name}</th>
                <td>{row.list}</td>
                <td>{row.alliance ?? "—"}</td>
                <td class="num">{row.votes}</td>
                <td class="num">{row.comparison}</td>
                <td>{row.elected ? t("results.seatNumber", { n: row.seat ?? "" }) : ""}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function tieBreakText(t: TFunction, names: Map<string, string>, tie: TieBreak, kind: string): string {
  const who = (ids: readonly string[]) => ids.map((id) => names.get(id) ?? id).join(", ");
  const stage = kind === "stv-scottish" ? t("results.stage", { n: tie.stage }) : t("results.round", { n: tie.stage });
  const purpose = purposeText(t, tie.for);
  const tied = t("results.tie.tied", { stage, names: who(tie.candidates), purpose });
  if (tie.rule === "earlier stage") {
    return `${tied} ${t("results.tie.earlier", { stages: (tie.stages_compared ?? []).join(", "), chosen: who(tie.chosen) })}`;
  }
  const among = tie.drawn_among ? ` ${t("results.tie.narrowed", { stages: (tie.stages_compared ?? []).join(", "), names: who(tie.drawn_among) })}` : "";
  return `${tied}${among} ${t("results.tie.lot", { chosen: who(tie.chosen) })}`;
}

function purposeText(t: TFunction, purpose: string): string {
  switch (purpose) {
    case "elimination":
      return t("results.purposes.elimination");
    case "exclusion":
      return t("results.purposes.exclusion");
    case "order of election":
      return t("results.purposes.order");
    case "transfer of surplus":
      return t("results.purposes.surplus");
    case "seat":
      return t("results.purposes.seat");
    default:
      return purpose;
  }
}

function TieBreaks(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const { results } = props;
  const names = namesOf(results.options);
  return (
    <section class="card" aria-labelledby="ties-title" data-testid="tie-breaks">
      <h2 id="ties-title">{t("results.tiesTitle")}</h2>
      {results.tie_breaks.length ? (
        <>
          <ul>
            {results.tie_breaks.map((tie, i) => (
              <li key={i} data-testid={`tie-${i}`}>
                {tieBreakText(t, names, tie, results.kind)}
              </li>
            ))}
          </ul>
          <p class="hint">{t("results.lotExplained")}</p>
        </>
      ) : (
        <p>{t("results.noTies")}</p>
      )}
    </section>
  );
}

function Verification(props: { results: ElectionResults }) {
  const { t } = useI18n();
  const { results } = props;
  const file = `election-${results.election_id}-bundle.json`;
  return (
    <section class="card" aria-labelledby="verify-title" data-testid="verification">
      <h2 id="verify-title">{t("results.verifyTitle")}</h2>
      <p>{t("results.headIntro")}</p>
      <p>
        <Hash value={results.board_head} testId="results-board-head" />
      </p>
      <p>
        <Link to={electionPage(results.election_id, "board")} data-testid="open-board">
          {t("results.toBoard")}
        </Link>
      </p>
      {results.status === "published" ? (
        <>
          <p>
            <a href={electionPath(results.election_id, "bundle")} download={file} class="button-link" data-testid="download-bundle">
              {t("results.downloadBundle")}
            </a>
          </p>
          <p>{t("results.verifyHow")}</p>
          <pre class="command">
            <code>{`portal-verify ${file} --head ${results.board_head ?? ""}`}</code>
          </pre>
          <p class="hint">{t("results.verifyExit")}</p>
        </>
      ) : null}
    </section>
  );
}
