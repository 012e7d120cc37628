/** The member's side of an event page: my status, the registration form, change answers, cancel. */
import type { TFunction } from "i18next";
import { useMemo, useState } from "preact/hooks";
import { ApiError } from "../../api/errors";
import type { Registration, UnionEvent } from "../../api/types";
import { Notice, type Notices } from "../../components/Notice";
import { QuestionFields, answerProblemText } from "../../components/QuestionFields";
import { useI18n } from "../../i18n/context";
import { formatEventTime, isPast } from "../../lib/eventTime";
import { type FieldErrors, alertText, useForm } from "../../lib/forms";
import { type FormValue, answerField, collectAnswers, formValuesFrom, questionsFromSchema } from "../../lib/questions";
import { api } from "../../services";
import { isActive, registrationText } from "./shared";

type Phase = "notYet" | "open" | "closed";

export function registrationPhase(event: UnionEvent, now = Date.now()): Phase {
  if (event.status === "cancelled" || isPast(event.registration_closes_at, now)) return "closed";
  return event.registration_opens_at && !isPast(event.registration_opens_at, now) ? "notYet" : "open";
}

export function RegistrationPanel(props: { event: UnionEvent; notices: Notices; onChanged: () => Promise<void> }) {
  const { t, lang } = useI18n();
  const { event, notices } = props;
  const questions = useMemo(() => questionsFromSchema(event.questions), [event.questions]);
  const fields = useMemo(() => ["answers", ...questions.map((q) => answerField(q.key))], [questions]);
  const form = useForm<string>("registration", fields, notices);
  const cancelForm = useForm<string>("registration", [], notices);
  const mine = event.my_registration;
  const active = isActive(mine);
  const [values, setValues] = useState(() => formValuesFrom(questions, active ? mine.answers : null));
  const [confirming, setConfirming] = useState(false);
  const phase = registrationPhase(event);
  const training = event.kind === "training";
  const zone = event.timezone || undefined;

  const setValue = (key: string, value: FormValue) => setValues((v) => ({ ...v, [key]: value }));

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const { answers, problems } = collectAnswers(questions, values);
    const clientErrors: FieldErrors<string> = {};
    for (const [field, problem] of Object.entries(problems)) clientErrors[field] = answerProblemText(t, problem);
    void form.run(
      async () => {
        if (active) {
          await api.changeAnswers(event.kind, event.id, answers);
          notices.status("registration", (tr) => tr("registration.answersSaved"));
        } else {
          const registration = await api.register(event.kind, event.id, answers);
          notices.status("registration", (tr) => registeredText(tr, registration));
        }
        await props.onChanged();
      },
      { clientErrors, onError: onConflict },
    );
  };

  /** 409 (already registered, window closed, full of changes): say so and show the fresh event. */
  const onConflict = (error: unknown): boolean => {
    if (!(error instanceof ApiError && error.status === 409)) return false;
    notices.alert("registration", (tr) => alertText(error, tr, false, []));
    void props.onChanged();
    return true;
  };

  const cancel = () =>
    void cancelForm.run(
      async () => {
        await api.cancelRegistration(event.kind, event.id);
        setConfirming(false);
        notices.status("registration", (tr) => tr(training ? "registration.cancelledTraining" : "registration.cancelled"));
        setValues(formValuesFrom(questions, null));
        await props.onChanged();
      },
      { onError: onConflict },
    );

  const deadlinePassed = isPast(event.cancellation_deadline);
  const showForm = active ? questions.length > 0 && !deadlinePassed : phase === "open";
  return (
    <section class="card" aria-labelledby="registration-title" data-testid="registration">
      <h2 id="registration-title">{t(training ? "registration.titleTraining" : "registration.title")}</h2>
      <MyStatus registration={mine} />
      {!active && phase === "notYet" ? (
        <p data-testid="registration-not-open">
          {t("registration.opensAt", { time: formatEventTime(event.registration_opens_at, lang, zone) })}
        </p>
      ) : null}
      {!active && phase === "closed" ? (
        <p data-testid="registration-closed">
          {event.status === "cancelled" ? t("events.cancelledNotice") : t("registration.closed")}
        </p>
      ) : null}
      {!active && phase === "open" && training && event.requires_approval ? (
        <p class="hint">{t("registration.approvalNote")}</p>
      ) : null}
      {!active && phase === "open" && event.seats && event.seats.free === 0 ? (
        <p class="hint">{t("registration.fullNote")}</p>
      ) : null}
      {showForm ? (
        <form ref={form.formRef} onSubmit={onSubmit} noValidate data-testid="registration-form">
          {questions.length ? <p class="hint">{t("registration.questionsIntro")}</p> : null}
          <QuestionFields idPrefix="answer" questions={questions} values={values} errors={form.errors} onValue={setValue} />
          {form.errors.answers ? (
            <p class="field-error" data-testid="error-answers">
              {form.errors.answers}
            </p>
          ) : null}
          <Notice notices={notices} owner="registration" />
          <div class="actions">
            <button type="submit" class="primary" data-testid={active ? "save-answers" : "register"} disabled={form.busy}>
              {active ? t("registration.saveAnswers") : t(training ? "registration.enrol" : "registration.register")}
            </button>
          </div>
        </form>
      ) : (
        <Notice notices={notices} owner="registration" />
      )}
      {active ? (
        <CancelRegistration
          deadline={formatEventTime(event.cancellation_deadline, lang, zone)}
          deadlinePassed={deadlinePassed}
          confirming={confirming}
          busy={cancelForm.busy}
          onAsk={() => {
            notices.clear();
            setConfirming(true);
            window.requestAnimationFrame(() => document.getElementById("confirm-cancel-registration")?.focus());
          }}
          onKeep={() => setConfirming(false)}
          onConfirm={cancel}
        />
      ) : null}
    </section>
  );
}

function registeredText(t: TFunction, registration: Registration): string {
  if (registration.status === "waiting") {
    return registration.position
      ? t("registration.joinedWaitingAt", { position: registration.position })
      : t("registration.joinedWaiting");
  }
  if (registration.status === "pending_approval") return t("registration.sentForApproval");
  return t("registration.registered");
}

function MyStatus(props: { registration: Registration | null }) {
  const { t, lang } = useI18n();
  const r = props.registration;
  if (!r) return <p data-testid="my-status">{t("registration.status.none")}</p>;
  return (
    <div class="my-status">
      <p class="lead" data-testid="my-status" data-status={r.status}>
        {registrationText(t, r)}
      </p>
      {r.checked_in_at ? (
        <p data-testid="my-checked-in">{t("registration.checkedInAt", { time: formatEventTime(r.checked_in_at, lang) })}</p>
      ) : null}
      {r.completed ? <p data-testid="my-completed">{t("registration.completed")}</p> : null}
    </div>
  );
}

interface CancelProps {
  deadline: string;
  deadlinePassed: boolean;
  confirming: boolean;
  busy: boolean;
  onAsk: () => void;
  onKeep: () => void;
  onConfirm: () => void;
}

function CancelRegistration(props: CancelProps) {
  const { t } = useI18n();
  if (props.confirming) {
    return (
      <div class="confirm-box" role="group" aria-labelledby="confirm-cancel-text">
        <p id="confirm-cancel-text">{t("registration.confirmCancel")}</p>
        <div class="actions">
          <button
            type="button"
            id="confirm-cancel-registration"
            class="danger"
            data-testid="confirm-cancel-registration"
            disabled={props.busy}
            onClick={props.onConfirm}
          >
            {t("registration.yesCancel")}
          </button>
          <button type="button" data-testid="keep-registration" onClick={props.onKeep}>
            {t("registration.keep")}
          </button>
        </div>
      </div>
    );
  }
  return (
    <div class="actions">
      <button
        type="button"
        data-testid="cancel-registration"
        disabled={props.deadlinePassed}
        aria-describedby="cancel-deadline"
        onClick={props.onAsk}
      >
        {t("registration.cancel")}
      </button>
      <p id="cancel-deadline" class="hint">
        {props.deadlinePassed
          ? t("registration.deadlinePassed", { time: props.deadline })
          : t("registration.deadline", { time: props.deadline })}
      </p>
    </div>
  );
}
