/**
 * Create or edit an election: texts in three languages, kind, options or candidates (with lists
 * and alliances for d'Hondt), seats, limits, times, who may vote, ballot order, turnout per branch,
 * qualified majority and quorum for yes/no, and a preview of the ballot as a voter sees it.
 * Once voting has opened only the texts and the closing time may change.
 */
import type { TFunction } from "i18next";
import { useState } from "preact/hooks";
import { BALLOT_ORDERS, ELECTION_KINDS, type Election, type ElectionKind, type Language } from "../../api/types";
import { CheckboxField, SelectField, TextField } from "../../components/Field";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { TitleAndDescription } from "../../components/TitleAndDescription";
import { useI18n } from "../../i18n/context";
import { NO_MARKS, type Marks, isRanked } from "../../lib/elections/ballot";
import {
  type ElectionFormValues,
  type ElectionProblem,
  checkElectionForm,
  electionBody,
  electionFormFrom,
  emptyElectionForm,
  previewOptions,
} from "../../lib/elections/form";
import { setFlash } from "../../lib/flash";
import { useForm } from "../../lib/forms";
import { navigate } from "../../lib/router";
import { api } from "../../services";
import { BallotMarks } from "./BallotMarks";
import { EligibilityPicker } from "./EligibilityPicker";
import { OptionsEditor } from "./OptionsEditor";
import { LoadState, electionPage, kindLabel, useElection } from "./shared";

/** Every input's API path the form may show an error at (options.N.* are added per option). */
const BASE_FIELDS = [
  "title",
  "title.fi",
  "title.sv",
  "title.en",
  "description",
  "description.fi",
  "description.sv",
  "description.en",
  "kind",
  "options",
  "seats",
  "max_choices",
  "opens_at",
  "closes_at",
  "eligibility",
  "eligibility.statuses",
  "eligibility.categories",
  "eligibility.branch_ids",
  "eligibility.workplace_ids",
  "eligibility.segment_id",
  "eligibility.member_since_from",
  "eligibility.member_since_until",
  "eligibility.dues_paid_until",
  "ballot_order",
  "turnout_by_branch",
  "qualified_majority",
  "quorum",
  "revision",
];

function fieldsFor(options: number): string[] {
  const out = [...BASE_FIELDS];
  for (let n = 0; n < Math.max(options, 1) + 1; n++) for (const f of ["", ".id", ".name", ".list", ".alliance"]) out.push(`options.${n}${f}`);
  return out;
}

export function problemText(t: TFunction, problem: ElectionProblem): string {
  switch (problem) {
    case "required":
      return t("errors.required");
    case "dateTime":
      return t("eventForm.errors.dateTime");
    case "closesBeforeOpens":
      return t("electionForm.errors.closesBeforeOpens");
    case "twoOptions":
      return t("electionForm.errors.twoOptions");
    case "optionId":
      return t("electionForm.errors.optionId");
    case "duplicateId":
      return t("electionForm.errors.duplicateId");
    case "listRequired":
      return t("electionForm.errors.listRequired");
    case "allianceMismatch":
      return t("electionForm.errors.allianceMismatch");
    case "seats":
      return t("electionForm.errors.seats");
    case "seatsBelowCandidates":
      return t("electionForm.errors.seatsBelowCandidates");
    case "maxChoices":
      return t("electionForm.errors.maxChoices");
    case "share":
      return t("electionForm.errors.share");
    case "quorum":
      return t("electionForm.errors.quorum");
  }
}

export function ElectionEdit(props: { params: Record<string, string> }) {
  const id = props.params.id;
  return id ? <EditExisting id={id} /> : <ElectionForm election={null} />;
}

function EditExisting(props: { id: string }) {
  const { t } = useI18n();
  const loaded = useElection(props.id);
  if (!loaded.data) return <LoadState error={loaded.error} title={t("electionForm.editTitle")} />;
  if (loaded.data.status !== "draft" && loaded.data.status !== "open") {
    return (
      <section>
        <PageTitle title={t("electionForm.editTitle")} />
        <p class="notice" data-testid="not-editable">
          {t("electionForm.notEditable")} <Link to={electionPage(props.id, "manage")}>{t("elections.manage")}</Link>
        </p>
      </section>
    );
  }
  return <ElectionForm election={loaded.data} />;
}

function kindHint(t: TFunction, kind: ElectionKind): string {
  switch (kind) {
    case "yesno":
      return t("electionForm.kindHints.yesno");
    case "plurality":
      return t("electionForm.kindHints.plurality");
    case "approval":
      return t("electionForm.kindHints.approval");
    case "irv":
      return t("electionForm.kindHints.irv");
    case "stv-scottish":
      return t("electionForm.kindHints.stv-scottish");
    case "stv-meek":
      return t("electionForm.kindHints.stv-meek");
    case "dhondt":
      return t("electionForm.kindHints.dhondt");
  }
}

function orderLabel(t: TFunction, order: string): string {
  return order === "alphabetical" ? t("electionForm.orders.alphabetical") : order === "random" ? t("electionForm.orders.random") : t("electionForm.orders.as_entered");
}

function ElectionForm(props: { election: Election | null }) {
  const { t } = useI18n();
  const { election } = props;
  const editing = election !== null;
  const openOnly = election?.status === "open";
  const notices = useNotices();
  const [values, setValues] = useState<ElectionFormValues>(() => (election ? electionFormFrom(election) : emptyElectionForm()));
  const form = useForm<string>("election-form", fieldsFor(values.options.length), notices);
  const set = <K extends keyof ElectionFormValues>(field: K) => (value: ElectionFormValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const setText = (field: "title" | "description", lang: Language) => (text: string) =>
    setValues((v) => ({ ...v, [field]: { ...v[field], [lang]: text } }));
  const { kind } = values;
  const err = form.errors as Record<string, string | undefined>;

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const problems = checkElectionForm(values, openOnly);
    const clientErrors: Record<string, string> = {};
    for (const [field, problem] of Object.entries(problems)) clientErrors[field] = problemText(t, problem);
    void form.run(
      async () => {
        const body = electionBody(values, openOnly);
        const saved = editing
          ? await api.updateElection(election.id, { ...body, revision: election.revision })
          : await api.createElection(body);
        setFlash({ kind: "status", key: editing ? "electionForm.saved" : "electionForm.created" });
        navigate(electionPage(saved.id, "manage"));
      },
      { clientErrors },
    );
  };

  const title = editing ? t("electionForm.editTitle") : t("electionForm.newTitle");
  const multiSeat = kind !== "yesno" && kind !== "irv";
  const limits = kind === "approval" || isRanked(kind);
  return (
    <section>
      <PageTitle title={title} />
      <Notice notices={notices} owner="page" />
      {openOnly ? (
        <p class="notice" data-testid="open-note">
          {t("electionForm.openNote")}
        </p>
      ) : null}
      <form ref={form.formRef} onSubmit={onSubmit} noValidate data-testid="election-form">
        <div class="card">
          <TitleAndDescription
            idPrefix="election"
            title={values.title}
            description={values.description}
            onText={setText}
            errors={err}
            titleMaxLength={300}
            finnishRequired
            descriptionRows={3}
            hint={t("electionForm.titleHint")}
          />
        </div>

        <div class="card">
          <fieldset disabled={openOnly}>
          <legend class="section-legend">{t("electionForm.ballotTitle")}</legend>
          <SelectField
            id="election-kind"
            name="kind"
            label={t("electionForm.kind")}
            hint={kindHint(t, kind)}
            value={kind}
            onValue={(v) => set("kind")(v as ElectionKind)}
            options={ELECTION_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            error={err.kind}
          />
          {kind === "yesno" ? (
            <p class="hint">{t("electionForm.yesnoOptions")}</p>
          ) : (
            <OptionsEditor kind={kind} options={values.options} onOptions={set("options")} errors={err} disabled={openOnly} />
          )}
          <div class="row">
            {multiSeat ? (
              <TextField
                id="election-seats"
                name="seats"
                label={t("electionForm.seats")}
                hint={t("electionForm.seatsHint")}
                inputMode="numeric"
                size={4}
                value={values.seats}
                onValue={set("seats")}
                error={err.seats}
              />
            ) : null}
            {limits ? (
              <TextField
                id="election-max_choices"
                name="max_choices"
                label={kind === "approval" ? t("electionForm.maxApprovals") : t("electionForm.maxPreferences")}
                hint={t("electionForm.maxChoicesHint")}
                optional
                inputMode="numeric"
                size={4}
                value={values.max_choices}
                onValue={set("max_choices")}
                error={err.max_choices}
              />
            ) : null}
          </div>
          {kind === "yesno" ? (
            <div class="row">
              <TextField
                id="election-qualified_majority"
                name="qualified_majority"
                label={t("electionForm.qualifiedMajority")}
                hint={t("electionForm.qualifiedMajorityHint")}
                optional
                size={6}
                value={values.qualified_majority}
                onValue={set("qualified_majority")}
                error={err.qualified_majority}
              />
              <TextField
                id="election-quorum"
                name="quorum"
                label={t("electionForm.quorum")}
                hint={t("electionForm.quorumHint")}
                optional
                inputMode="numeric"
                size={8}
                value={values.quorum}
                onValue={set("quorum")}
                error={err.quorum}
              />
            </div>
          ) : null}
          <SelectField
            id="election-ballot_order"
            name="ballot_order"
            label={t("electionForm.ballotOrder")}
            hint={kind === "dhondt" ? t("electionForm.ballotOrderDhondt") : undefined}
            value={values.ballot_order}
            onValue={(v) => set("ballot_order")(v as ElectionFormValues["ballot_order"])}
            options={BALLOT_ORDERS.map((o) => ({ value: o, label: orderLabel(t, o) }))}
            error={err.ballot_order}
          />
          </fieldset>
          <BallotPreview values={values} />
        </div>

        <div class="card">
          <h2>{t("electionForm.timesTitle")}</h2>
          <p class="hint">{t("eventForm.timeZoneNote")}</p>
          <div class="row">
            <TextField
              id="election-opens_at"
              name="opens_at"
              type="datetime-local"
              label={t("electionForm.opensAt")}
              hint={t("electionForm.opensAtHint")}
              required
              disabled={openOnly}
              value={values.opens_at}
              onValue={set("opens_at")}
              error={err.opens_at}
            />
            <TextField
              id="election-closes_at"
              name="closes_at"
              type="datetime-local"
              label={t("electionForm.closesAt")}
              required
              value={values.closes_at}
              onValue={set("closes_at")}
              error={err.closes_at}
            />
          </div>
        </div>

        <div class="card">
          <h2>{t("electionForm.eligibilityTitle")}</h2>
          <EligibilityPicker value={values.eligibility} onChange={(update) => setValues((v) => ({ ...v, eligibility: update(v.eligibility) }))} errors={err} disabled={openOnly} />
          <CheckboxField
            id="election-turnout_by_branch"
            name="turnout_by_branch"
            label={t("electionForm.turnoutByBranch")}
            hint={t("electionForm.turnoutByBranchHint")}
            checked={values.turnout_by_branch}
            onChecked={set("turnout_by_branch")}
            disabled={openOnly}
            error={err.turnout_by_branch}
          />
        </div>

        <Notice notices={notices} owner="election-form" />
        <div class="actions">
          <button type="submit" class="primary" data-testid="save-election" disabled={form.busy}>
            {editing ? t("electionForm.save") : t("electionForm.create")}
          </button>
          <Link to={editing ? electionPage(election.id, "manage") : electionPage()} class="button-link">
            {t("common.cancel")}
          </Link>
        </div>
      </form>
    </section>
  );
}

/** The ballot as a voter will see it (in the order entered), from the form as it stands. */
function BallotPreview(props: { values: ElectionFormValues }) {
  const { t } = useI18n();
  const [marks, setMarks] = useState<Marks>(NO_MARKS);
  const { values } = props;
  const options = previewOptions(values);
  const max = Number(values.max_choices);
  const rules = { kind: values.kind, options, max_choices: Number.isInteger(max) && max > 0 ? max : null };
  return (
    <details class="preview" data-testid="ballot-preview-toggle">
      <summary>{t("electionForm.preview")}</summary>
      {values.kind !== "yesno" && options.length === 0 ? (
        <p class="muted">{t("electionForm.noOptions")}</p>
      ) : (
        <div class="preview-form" data-testid="ballot-preview-form">
          <BallotMarks rules={rules} marks={marks} onMarks={setMarks} idPrefix="preview" />
        </div>
      )}
    </details>
  );
}
