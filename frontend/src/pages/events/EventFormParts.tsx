/** Sections of the event form: time, place and seats; training fields; cancelling the event. */
import { useState } from "preact/hooks";
import type { UnionEvent } from "../../api/types";
import { CheckboxField, TextField } from "../../components/Field";
import { Notice, type Notices } from "../../components/Notice";
import { useI18n } from "../../i18n/context";
import type { EventField, EventFormValues } from "../../lib/eventForm";
import { setFlash } from "../../lib/flash";
import { type FieldErrors, useForm } from "../../lib/forms";
import { navigate } from "../../lib/router";
import { api } from "../../services";
import { PrerequisitePicker } from "./PrerequisitePicker";
import { pagePath } from "./shared";

type TimeField = "starts_at" | "ends_at" | "registration_opens_at" | "registration_closes_at" | "cancellation_deadline";

export type Setter = <K extends keyof EventFormValues>(field: K) => (value: EventFormValues[K]) => void;

export function TimesAndPlace(props: { values: EventFormValues; set: Setter; errors: FieldErrors<EventField> }) {
  const { t } = useI18n();
  const { values, set, errors } = props;
  const time = (field: TimeField, optional: boolean) => (
    <TextField
      id={`event-${field}`}
      name={field}
      type="datetime-local"
      label={t(`eventForm.fields.${field}`)}
      hint={optional ? t(`eventForm.hints.${field}` as "eventForm.hints.registration_opens_at") : undefined}
      value={values[field]}
      onValue={set(field)}
      required={!optional}
      optional={optional}
      error={errors[field]}
    />
  );
  return (
    <div class="card">
      <h2>{t("eventForm.timeTitle")}</h2>
      <p class="hint">{t("eventForm.timeZoneNote")}</p>
      <div class="row">
        {time("starts_at", false)}
        {time("ends_at", false)}
      </div>
      <div class="row">
        <TextField
          id="event-place"
          name="place"
          label={t("eventForm.fields.place")}
          optional
          maxLength={300}
          value={values.place}
          onValue={set("place")}
          error={errors.place}
        />
        <TextField
          id="event-online_url"
          name="online_url"
          type="url"
          inputMode="url"
          label={t("eventForm.fields.online_url")}
          optional
          maxLength={500}
          value={values.online_url}
          onValue={set("online_url")}
          error={errors.online_url}
        />
      </div>
      <TextField
        id="event-capacity"
        name="capacity"
        label={t("eventForm.fields.capacity")}
        inputMode="numeric"
        hint={t("eventForm.hints.capacity")}
        required
        size={6}
        value={values.capacity}
        onValue={set("capacity")}
        error={errors.capacity}
      />
      <div class="row">
        {time("registration_opens_at", true)}
        {time("registration_closes_at", true)}
      </div>
      {time("cancellation_deadline", true)}
    </div>
  );
}

export function TrainingFields(props: { values: EventFormValues; set: Setter; errors: FieldErrors<EventField>; exclude: string | null }) {
  const { t } = useI18n();
  const { values, set, errors } = props;
  return (
    <div class="card">
      <h2>{t("eventForm.trainingTitle")}</h2>
      <TextField
        id="event-hours"
        name="hours"
        label={t("eventForm.fields.hours")}
        inputMode="decimal"
        required
        size={6}
        value={values.hours}
        onValue={set("hours")}
        error={errors.hours}
      />
      <CheckboxField
        id="event-requires_approval"
        name="requires_approval"
        label={t("eventForm.fields.requires_approval")}
        hint={t("eventForm.hints.requires_approval")}
        checked={values.requires_approval}
        onChecked={set("requires_approval")}
        error={errors.requires_approval}
      />
      <PrerequisitePicker
        value={values.prerequisites}
        onValue={set("prerequisites")}
        exclude={props.exclude}
        error={errors.prerequisites}
      />
    </div>
  );
}

export function CancelEvent(props: { event: UnionEvent; notices: Notices }) {
  const { t } = useI18n();
  const form = useForm("cancel-event", [], props.notices);
  const [confirming, setConfirming] = useState(false);
  const { event } = props;
  const cancel = () =>
    void form.run(async () => {
      await api.updateEvent(event.kind, event.id, { status: "cancelled" });
      setFlash({ kind: "status", key: "eventForm.cancelledDone" });
      navigate(pagePath(event.kind, event.id));
    });
  return (
    <section class="card danger-zone" aria-labelledby="cancel-event-title">
      <h2 id="cancel-event-title">{t("eventForm.cancelTitle")}</h2>
      <p>{t("eventForm.cancelIntro")}</p>
      <Notice notices={props.notices} owner="cancel-event" />
      {confirming ? (
        <div class="actions" role="group" aria-label={t("eventForm.cancelTitle")}>
          <button
            type="button"
            id="confirm-cancel-event"
            class="danger"
            data-testid="confirm-cancel-event"
            disabled={form.busy}
            onClick={cancel}
          >
            {t("eventForm.confirmCancel")}
          </button>
          <button type="button" data-testid="keep-event" onClick={() => setConfirming(false)}>
            {t("eventForm.keep")}
          </button>
        </div>
      ) : (
        <div class="actions">
          <button
            type="button"
            class="danger-outline"
            data-testid="cancel-event"
            onClick={() => {
              setConfirming(true);
              window.requestAnimationFrame(() => document.getElementById("confirm-cancel-event")?.focus());
            }}
          >
            {t("eventForm.cancelEvent")}
          </button>
        </div>
      )}
    </section>
  );
}
