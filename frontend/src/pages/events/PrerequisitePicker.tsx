/** The trainings a member must have completed first: chosen from the other trainings. */
import { useEffect, useState } from "preact/hooks";
import type { UnionEvent } from "../../api/types";
import { FieldMessages } from "../../components/Field";
import { useI18n } from "../../i18n/context";
import { formatEventDate } from "../../lib/eventTime";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";

async function allTrainings(): Promise<UnionEvent[]> {
  const [upcoming, past] = await Promise.all([api.events("training"), api.events("training", true)]);
  const byId = new Map([...(past.items ?? []), ...(upcoming.items ?? [])].map((e) => [e.id, e]));
  return [...byId.values()].sort((a, b) => b.starts_at.localeCompare(a.starts_at));
}

export function PrerequisitePicker(props: {
  value: string[];
  onValue: (ids: string[]) => void;
  exclude: string | null;
  error?: string | undefined;
}) {
  const { t, lang } = useI18n();
  const [trainings, setTrainings] = useState<UnionEvent[] | null>(null);
  useEffect(() => {
    let alive = true;
    allTrainings()
      .then((items) => alive && setTrainings(items))
      .catch(() => alive && setTrainings([]));
    return () => {
      alive = false;
    };
  }, []);
  const options = (trainings ?? []).filter((tr) => tr.id !== props.exclude);
  const known = new Set(options.map((o) => o.id));
  const unknown = props.value.filter((id) => !known.has(id));
  const toggle = (id: string, on: boolean) =>
    props.onValue(on ? [...props.value.filter((v) => v !== id), id] : props.value.filter((v) => v !== id));
  const box = (id: string, label: string) => (
    <div class="choice" key={id}>
      <input
        id={`prerequisite-${id}`}
        type="checkbox"
        name="prerequisites"
        value={id}
        checked={props.value.includes(id)}
        onChange={(e) => toggle(id, e.currentTarget.checked)}
        aria-describedby={props.error ? "prerequisites-error" : undefined}
      />
      <label for={`prerequisite-${id}`}>{label}</label>
    </div>
  );
  return (
    <fieldset class="field choices" data-testid="prerequisites">
      <legend>
        {t("eventForm.fields.prerequisites")} <span class="optional">({t("common.optional")})</span>
      </legend>
      {trainings === null ? <p class="muted">{t("app.loading")}</p> : null}
      {trainings !== null && options.length === 0 && unknown.length === 0 ? <p class="muted">{t("eventForm.noOtherTrainings")}</p> : null}
      {options.map((tr) => box(tr.id, `${inLanguage(tr.title, lang) || tr.id} (${formatEventDate(tr.starts_at, lang)})`))}
      {unknown.map((id) => box(id, id))}
      <FieldMessages id="prerequisites" name="prerequisites" error={props.error} />
    </fieldset>
  );
}
