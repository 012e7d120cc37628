/**
 * The voter's ballot: mark → review ("a ballot cannot be changed") → cast → the tracking code,
 * shown once, with a receipt made in the browser and a link to find it on the public board.
 * An election officer sees the same ballot as a preview that cannot be cast.
 */
import { useRef, useState } from "preact/hooks";
import type { BallotSheet } from "../../api/types";
import { ApiError } from "../../api/errors";
import { Link } from "../../components/Link";
import { Notice, type Notices, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventTime } from "../../lib/eventTime";
import { useForm } from "../../lib/forms";
import { type BallotProblem, type Marks, NO_MARKS, choicesFor, isRanked } from "../../lib/elections/ballot";
import { boardUrl, receiptFilename, receiptText, saveReceipt } from "../../lib/elections/receipt";
import { todayIso } from "../../lib/format";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";
import { BallotMarks, optionName } from "./BallotMarks";
import { LoadState, electionPage, titleOf, useLoad } from "./shared";

type Step = { kind: "mark" } | { kind: "review"; choices: string[] } | { kind: "done"; code: string };

const focusHeading = (id: string) => window.requestAnimationFrame(() => document.getElementById(id)?.focus());

export function BallotPage(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const id = props.params.id ?? "";
  const loaded = useLoad(() => api.ballot(id));
  if (!loaded.data) return <LoadState error={loaded.error} title={t("ballot.title")} />;
  return <Ballot sheet={loaded.data} />;
}

export function problemText(t: ReturnType<typeof useI18n>["t"], problem: BallotProblem): string {
  switch (problem) {
    case "choose":
      return t("ballot.errors.choose");
    case "tooMany":
      return t("ballot.errors.tooMany");
    case "unknown":
      return t("ballot.errors.unknown");
  }
}

function Ballot(props: { sheet: BallotSheet }) {
  const { t, lang } = useI18n();
  const { sheet } = props;
  const notices = useNotices();
  const [marks, setMarks] = useState<Marks>(NO_MARKS);
  const [step, setStep] = useState<Step>({ kind: "mark" });
  const [error, setError] = useState<string | undefined>();
  const [voted, setVoted] = useState(sheet.voted);
  const form = useForm<"choices">("ballot", ["choices"], notices);
  const title = titleOf(t, sheet.title, lang);
  const description = inLanguage(sheet.description, lang);

  const review = (e: Event) => {
    e.preventDefault();
    const result = choicesFor(sheet, marks);
    if (!result.ok) {
      setError(problemText(t, result.problem));
      notices.alert("ballot", (tr) => tr("errors.checkFields"));
      return;
    }
    setError(undefined);
    notices.clear();
    setStep({ kind: "review", choices: result.choices });
    focusHeading("review-title");
  };

  const cast = (choices: string[]) =>
    void form.run(
      async () => {
        const receipt = await api.castBallot(sheet.election_id, choices);
        setStep({ kind: "done", code: receipt.tracking_code });
        setVoted(true);
        focusHeading("cast-title");
      },
      {
        onError: (err) => {
          if (err instanceof ApiError && err.code === "already_voted") {
            setVoted(true);
            setStep({ kind: "mark" });
          }
          return false;
        },
      },
    );

  return (
    <section class="ballot-page" data-testid="ballot-page" data-kind={sheet.kind}>
      <PageTitle title={title} />
      <p class="muted">
        {t("ballot.closesAt", { time: formatEventTime(sheet.closes_at, lang) })}
        {sheet.seats > 1 ? ` · ${t("ballot.seats", { count: sheet.seats })}` : ""}
      </p>
      {description ? <p class="description">{description}</p> : null}
      {sheet.preview && !voted ? (
        <p class="notice" data-testid="ballot-preview">
          {t("ballot.previewNotice")}
        </p>
      ) : null}
      <Notice notices={notices} owner="page" />
      {step.kind === "done" ? (
        <Confirmation sheet={sheet} code={step.code} />
      ) : voted ? (
        <AlreadyVoted sheet={sheet} notices={notices} />
      ) : step.kind === "review" ? (
        <Review sheet={sheet} choices={step.choices} busy={form.busy} notices={notices} onCast={() => cast(step.choices)} onBack={() => setStep({ kind: "mark" })} />
      ) : (
        <form ref={form.formRef} onSubmit={review} noValidate data-testid="ballot-form">
          <div class="card">
            <BallotMarks rules={sheet} marks={marks} onMarks={setMarks} idPrefix="ballot" error={error} />
          </div>
          <Notice notices={notices} owner="ballot" />
          {sheet.preview ? null : (
            <div class="actions">
              <button type="submit" class="primary" data-testid="review-ballot">
                {t("ballot.review")}
              </button>
            </div>
          )}
        </form>
      )}
    </section>
  );
}

function AlreadyVoted(props: { sheet: BallotSheet; notices: Notices }) {
  const { t } = useI18n();
  return (
    <div class="card" data-testid="already-voted">
      <Notice notices={props.notices} owner="ballot" />
      <p>{t("ballot.alreadyVoted")}</p>
      <p>
        <Link to={electionPage(props.sheet.election_id, "board")} data-testid="open-board">
          {t("ballot.toBoard")}
        </Link>
      </p>
    </div>
  );
}

function Review(props: { sheet: BallotSheet; choices: string[]; busy: boolean; notices: Notices; onCast: () => void; onBack: () => void }) {
  const { t } = useI18n();
  const { sheet, choices } = props;
  const names = new Map(sheet.options.map((o) => [o.id, optionName(t, sheet, o)]));
  if (sheet.kind === "yesno") for (const id of ["yes", "no"]) names.set(id, optionName(t, sheet, { id, name: id }));
  const ranked = isRanked(sheet.kind);
  return (
    <section class="card review" aria-labelledby="review-title" data-testid="ballot-review">
      <h2 id="review-title" tabIndex={-1}>
        {t("ballot.reviewTitle")}
      </h2>
      {choices.length === 0 ? (
        <p data-testid="review-blank">{t("ballot.reviewBlank")}</p>
      ) : ranked ? (
        <>
          <p>{t("ballot.reviewRanked")}</p>
          <ol data-testid="review-choices">
            {choices.map((id) => (
              <li key={id}>{names.get(id) ?? id}</li>
            ))}
          </ol>
        </>
      ) : (
        <>
          <p>{t("ballot.reviewChosen", { count: choices.length })}</p>
          <ul data-testid="review-choices">
            {choices.map((id) => (
              <li key={id}>{names.get(id) ?? id}</li>
            ))}
          </ul>
        </>
      )}
      <p class="notice notice-warning" data-testid="final-warning">
        <strong>{t("ballot.finalWarning")}</strong>
      </p>
      <Notice notices={props.notices} owner="ballot" />
      <div class="actions">
        <button type="button" class="primary" data-testid="cast-ballot" disabled={props.busy} onClick={props.onCast}>
          {t("ballot.cast")}
        </button>
        <button type="button" data-testid="change-ballot" disabled={props.busy} onClick={props.onBack}>
          {t("ballot.change")}
        </button>
      </div>
    </section>
  );
}

/** The code, shown once: the page keeps it only in memory and forgets it when the voter leaves. */
function Confirmation(props: { sheet: BallotSheet; code: string }) {
  const { t, lang } = useI18n();
  const { sheet, code } = props;
  const notices = useNotices();
  const codeRef = useRef<HTMLElement>(null);
  const board = boardUrl(window.location.origin, sheet.election_id, code);
  const title = titleOf(t, sheet.title, lang);

  const download = () => {
    const text = receiptText(
      { tracking_code: code, election_id: sheet.election_id, election: title, board_url: board, cast_on: todayIso() },
      t("receipt.heading"),
      { code: t("receipt.code"), election: t("receipt.election"), board: t("receipt.board"), day: t("receipt.day") },
    );
    saveReceipt(text, receiptFilename(sheet.election_id));
    notices.status("receipt", (tr) => tr("ballot.receiptSaved"));
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      notices.status("receipt", (tr) => tr("ballot.copied"));
    } catch {
      // Without clipboard access: select the code so the voter can copy it by hand.
      const range = document.createRange();
      if (codeRef.current) range.selectNodeContents(codeRef.current);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
      notices.status("receipt", (tr) => tr("ballot.copyByHand"));
    }
  };

  return (
    <section class="card confirmation" aria-labelledby="cast-title" data-testid="ballot-cast">
      <h2 id="cast-title" tabIndex={-1}>
        {t("ballot.castTitle")}
      </h2>
      <p>{t("ballot.castBody")}</p>
      <p class="tracking-label" id="tracking-code-label">
        {t("ballot.trackingCode")}
      </p>
      <p class="tracking-code" aria-labelledby="tracking-code-label">
        <code ref={codeRef} data-testid="tracking-code">
          {code}
        </code>
      </p>
      <p class="notice notice-warning">{t("ballot.shownOnce")}</p>
      <Notice notices={notices} owner="receipt" />
      <div class="actions">
        <button type="button" class="primary" data-testid="download-receipt" onClick={download}>
          {t("ballot.downloadReceipt")}
        </button>
        <button type="button" data-testid="copy-code" onClick={() => void copy()}>
          {t("ballot.copy")}
        </button>
        <Link to={`${electionPage(sheet.election_id, "board")}#code=${encodeURIComponent(code)}`} class="button-link" data-testid="find-on-board">
          {t("ballot.findOnBoard")}
        </Link>
      </div>
      <p class="hint">{t("ballot.privacy")}</p>
    </section>
  );
}
