/** Create or edit an event or training: texts, times, place, seats, audience, questions. */
import type { TFunction } from "i18next";
import { useMemo, useState } from "preact/hooks";
import { type EventBody, type EventKind, type Language, type UnionEvent } from "../../api/types";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { TitleAndDescription } from "../../components/TitleAndDescription";
import { QuestionBuilder } from "../../components/QuestionBuilder";
import { QuestionFields } from "../../components/QuestionFields";
import { useI18n } from "../../i18n/context";
import {
  type EventField,
  type EventFormValues,
  type EventProblem,
  EVENT_FIELDS,
  checkEventForm,
  emptyEventForm,
  eventBody,
  eventFormFrom,
} from "../../lib/eventForm";
import { setFlash } from "../../lib/flash";
import { type FieldErrors, useForm } from "../../lib/forms";
import { type Draft, type DraftProblems, checkDrafts, draftsFromSchema, schemaFromDrafts, withKeys } from "../../lib/questionDrafts";
import { type FormValues, questionsFromSchema } from "../../lib/questions";
import { navigate } from "../../lib/router";
import { api } from "../../services";
import { AudiencePicker } from "./AudiencePicker";
import { CancelEvent, TimesAndPlace, TrainingFields } from "./EventFormParts";
import { LoadState, pagePath, useEvent } from "./shared";

export function problemText(t: TFunction, problem: EventProblem): string {
  switch (problem) {
    case "required":
      return t("errors.required");
    case "title":
      return t("eventForm.errors.title");
    case "dateTime":
      return t("eventForm.errors.dateTime");
    case "endsBeforeStart":
      return t("eventForm.errors.endsBeforeStart");
    case "closesBeforeOpens":
      return t("eventForm.errors.closesBeforeOpens");
    case "capacity":
      return t("eventForm.errors.capacity");
    case "hours":
      return t("eventForm.errors.hours");
    case "url":
      return t("eventForm.errors.url");
  }
}

export function EventEdit(props: { kind: EventKind; params: Record<string, string> }) {
  const id = props.params.id;
  return id ? <EditExisting kind={props.kind} id={id} /> : <EventForm kind={props.kind} event={null} />;
}

function EditExisting(props: { kind: EventKind; id: string }) {
  const { t } = useI18n();
  const loaded = useEvent(props.kind, props.id);
  const title = t(props.kind === "training" ? "eventForm.editTraining" : "eventForm.editEvent");
  if (!loaded.data) return <LoadState error={loaded.error} title={title} />;
  return <EventForm kind={props.kind} event={loaded.data} />;
}

function EventForm(props: { kind: EventKind; event: UnionEvent | null }) {
  const { t } = useI18n();
  const { kind, event } = props;
  const notices = useNotices();
  const form = useForm<EventField>("event-form", EVENT_FIELDS, notices);
  const [values, setValues] = useState<EventFormValues>(() => (event ? eventFormFrom(event) : emptyEventForm()));
  const [drafts, setDrafts] = useState<Draft[]>(() => withKeys(draftsFromSchema(event?.questions)));
  const [draftProblems, setDraftProblems] = useState<DraftProblems>({});
  const training = kind === "training";
  const editing = event !== null;

  const set = <K extends keyof EventFormValues>(field: K) => (value: EventFormValues[K]) => setValues((v) => ({ ...v, [field]: value }));
  const setText = (field: "title" | "description", lang: Language) => (text: string) =>
    setValues((v) => ({ ...v, [field]: { ...v[field], [lang]: text } }));

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const problems = checkEventForm(values, kind);
    const clientErrors: FieldErrors<EventField> = {};
    for (const [field, problem] of Object.entries(problems)) clientErrors[field as EventField] = problemText(t, problem);
    const questionProblems = checkDrafts(drafts);
    setDraftProblems(questionProblems);
    if (Object.keys(questionProblems).length && !Object.keys(clientErrors).length) clientErrors.questions = t("builder.errors.some");
    void form.run(
      async () => {
        const body: EventBody = { ...eventBody(values, kind, editing), questions: schemaFromDrafts(drafts) };
        if (!editing && body.questions === null) delete body.questions;
        const saved = editing ? await api.updateEvent(kind, event.id, body) : await api.createEvent(kind, body);
        setFlash({ kind: "status", key: editing ? "eventForm.saved" : training ? "eventForm.createdTraining" : "eventForm.created" });
        navigate(pagePath(kind, saved.id));
      },
      { clientErrors },
    );
  };

  const err = form.errors;
  const title = editing
    ? t(training ? "eventForm.editTraining" : "eventForm.editEvent")
    : t(training ? "eventForm.newTraining" : "eventForm.newEvent");
  return (
    <section>
      <PageTitle title={title} />
      <Notice notices={notices} owner="page" />
      <form ref={form.formRef} onSubmit={onSubmit} noValidate data-testid="event-form">
        <div class="card">
          <TitleAndDescription
            idPrefix="event"
            title={values.title}
            description={values.description}
            onText={setText}
            errors={err}
            titleMaxLength={200}
            finnishRequired={false}
            descriptionRows={4}
            hint={t("eventForm.titleHint")}
          />
        </div>
        <TimesAndPlace values={values} set={set} errors={err} />
        <div class="card">
          <h2>{t("eventForm.audienceTitle")}</h2>
          <AudiencePicker
            value={values.audience}
            onChange={(update) => setValues((v) => ({ ...v, audience: update(v.audience) }))}
            error={err.audience ?? err["audience.branch_ids"] ?? err["audience.workplace_ids"] ?? err["audience.categories"]}
          />
        </div>
        {training ? <TrainingFields values={values} set={set} errors={err} exclude={event?.id ?? null} /> : null}
        <div class="card">
          <h2 id="questions-title">{t("eventForm.questionsTitle")}</h2>
          <p class="hint">{t("eventForm.questionsHint")}</p>
          {err.questions ? (
            <p class="field-error" data-testid="error-questions">
              {err.questions}
            </p>
          ) : null}
          <QuestionBuilder drafts={drafts} onDrafts={setDrafts} problems={draftProblems} />
          <QuestionPreview drafts={drafts} />
        </div>
        <Notice notices={notices} owner="event-form" />
        <div class="actions">
          <button type="submit" class="primary" data-testid="save-event" disabled={form.busy}>
            {editing ? t("eventForm.save") : t(training ? "eventForm.createTraining" : "eventForm.create")}
          </button>
          <Link to={editing ? pagePath(kind, event.id) : pagePath(kind)} class="button-link">
            {t("common.cancel")}
          </Link>
        </div>
      </form>
      {editing && event.status !== "cancelled" ? <CancelEvent event={event} notices={notices} /> : null}
    </section>
  );
}

/** The member's form as the questions stand now: what the builder writes, read back. */
function QuestionPreview(props: { drafts: Draft[] }) {
  const { t } = useI18n();
  const [values, setValues] = useState<FormValues>({});
  const questions = useMemo(() => questionsFromSchema(schemaFromDrafts(props.drafts)), [props.drafts]);
  return (
    <details class="preview">
      <summary>{t("eventForm.preview")}</summary>
      {questions.length ? (
        <div class="preview-form" data-testid="question-preview">
          <QuestionFields
            idPrefix="preview"
            questions={questions}
            values={values}
            errors={{}}
            onValue={(key, value) => setValues((all) => ({ ...all, [key]: value }))}
          />
        </div>
      ) : (
        <p class="muted">{t("builder.none")}</p>
      )}
    </details>
  );
}
