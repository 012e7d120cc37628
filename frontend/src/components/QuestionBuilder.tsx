/**
 * The organizer's question builder: add, remove and reorder questions of the simple types;
 * it keeps a list of drafts, and the page turns them into the event's JSON Schema.
 * Inputs are named `questions.<n>.<field>`; a draft's problems show at its fields.
 */
import type { TFunction } from "i18next";
import { LANGUAGES, type Language } from "../api/types";
import { useI18n } from "../i18n/context";
import { type Draft, type DraftProblemCode, type DraftProblems, moveDraft, newDraft, withKeys } from "../lib/questionDrafts";
import { QUESTION_TYPES, type QuestionType } from "../lib/questions";
import { CheckboxField, FieldMessages, SelectField, TextField } from "./Field";

export function draftProblemText(t: TFunction, code: DraftProblemCode | undefined): string | undefined {
  switch (code) {
    case undefined:
      return undefined;
    case "required":
      return t("builder.errors.title");
    case "key":
      return t("builder.errors.key");
    case "duplicate":
      return t("builder.errors.duplicate");
    case "options":
      return t("builder.errors.options");
    case "number":
      return t("builder.errors.number");
    case "range":
      return t("builder.errors.range");
  }
}

const focusSoon = (id: string) => window.requestAnimationFrame(() => document.getElementById(id)?.focus());

export function QuestionBuilder(props: { drafts: Draft[]; onDrafts: (drafts: Draft[]) => void; problems: DraftProblems }) {
  const { t } = useI18n();
  const { drafts } = props;
  const update = (next: Draft[]) => props.onDrafts(withKeys(next));
  const change = (uid: string, patch: Partial<Draft>) => update(drafts.map((d) => (d.uid === uid ? { ...d, ...patch } : d)));

  const add = () => {
    const draft = newDraft();
    update([...drafts, draft]);
    focusSoon(`${draft.uid}-type`);
  };
  const remove = (uid: string, index: number) => {
    update(drafts.filter((d) => d.uid !== uid));
    const neighbour = drafts[index + 1] ?? drafts[index - 1];
    focusSoon(neighbour ? `${neighbour.uid}-type` : "add-question");
  };
  const move = (uid: string, by: -1 | 1) => {
    update(moveDraft(drafts, uid, by));
    focusSoon(`${uid}-${by < 0 ? "up" : "down"}`);
  };

  return (
    <div class="question-builder" data-testid="question-builder">
      {drafts.length === 0 ? <p class="muted">{t("builder.none")}</p> : null}
      <ol class="drafts">
        {drafts.map((draft, index) => (
          <li key={draft.uid}>
            <DraftEditor
              draft={draft}
              index={index}
              count={drafts.length}
              problems={props.problems[draft.uid] ?? {}}
              onChange={(patch) => change(draft.uid, patch)}
              onRemove={() => remove(draft.uid, index)}
              onMove={(by) => move(draft.uid, by)}
            />
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" id="add-question" data-testid="add-question" onClick={add}>
          {t("builder.add")}
        </button>
      </div>
    </div>
  );
}

interface DraftEditorProps {
  draft: Draft;
  index: number;
  count: number;
  problems: DraftProblems[string];
  onChange: (patch: Partial<Draft>) => void;
  onRemove: () => void;
  onMove: (by: -1 | 1) => void;
}

function DraftEditor(props: DraftEditorProps) {
  const { t } = useI18n();
  const { draft, index, problems } = props;
  const n = index + 1;
  const name = (field: string) => `questions.${index}.${field}`;
  const setType = (type: QuestionType) => {
    const needsOptions = type === "choice" || type === "multi";
    const options = needsOptions && draft.options.length === 0 ? ["", ""] : draft.options;
    props.onChange({ type, options });
  };
  const setTitle = (lang: Language, text: string) => props.onChange({ title: { ...draft.title, [lang]: text } });
  return (
    <fieldset class="card draft" data-testid={`question-draft-${index}`}>
      <legend>{t("builder.question", { n })}</legend>
      <SelectField
        id={`${draft.uid}-type`}
        name={name("type")}
        label={t("builder.type")}
        value={draft.type}
        onValue={(v) => setType(v as QuestionType)}
        options={QUESTION_TYPES.map((type) => ({ value: type, label: t(`builder.types.${type}`) }))}
      />
      <div class="row row-3">
        {LANGUAGES.map((lang) => (
          <TextField
            key={lang}
            id={`${draft.uid}-title-${lang}`}
            name={name(`title.${lang}`)}
            label={t(`builder.titleIn.${lang}`)}
            value={draft.title[lang]}
            onValue={(v) => setTitle(lang, v)}
            maxLength={200}
            error={lang === "fi" ? draftProblemText(t, problems.title) : undefined}
          />
        ))}
      </div>
      <TextField
        id={`${draft.uid}-key`}
        name={name("key")}
        label={t("builder.key")}
        hint={t("builder.keyHint")}
        value={draft.key}
        onValue={(v) => props.onChange({ key: v.trim(), keyEdited: v.trim() !== "" })}
        spellcheck={false}
        autoComplete="off"
        maxLength={64}
        error={draftProblemText(t, problems.key)}
      />
      <CheckboxField
        id={`${draft.uid}-required`}
        name={name("required")}
        label={t("builder.required")}
        checked={draft.required}
        onChecked={(required) => props.onChange({ required })}
      />
      {draft.type === "choice" || draft.type === "multi" ? <OptionsEditor {...props} /> : null}
      {draft.type === "number" ? <NumberLimits {...props} /> : null}
      <div class="actions draft-actions">
        <button
          type="button"
          id={`${draft.uid}-up`}
          data-testid={`move-up-${index}`}
          aria-label={t("builder.moveUpLabel", { n })}
          disabled={index === 0}
          onClick={() => props.onMove(-1)}
        >
          {t("builder.moveUp")}
        </button>
        <button
          type="button"
          id={`${draft.uid}-down`}
          data-testid={`move-down-${index}`}
          aria-label={t("builder.moveDownLabel", { n })}
          disabled={index === props.count - 1}
          onClick={() => props.onMove(1)}
        >
          {t("builder.moveDown")}
        </button>
        <button
          type="button"
          class="danger-outline"
          data-testid={`remove-question-${index}`}
          aria-label={t("builder.removeLabel", { n })}
          onClick={props.onRemove}
        >
          {t("builder.remove")}
        </button>
      </div>
    </fieldset>
  );
}

function OptionsEditor(props: DraftEditorProps) {
  const { t } = useI18n();
  const { draft, index, problems } = props;
  const error = draftProblemText(t, problems.options);
  const errorId = `${draft.uid}-options`;
  const set = (i: number, text: string) => props.onChange({ options: draft.options.map((o, j) => (j === i ? text : o)) });
  const addOption = () => {
    props.onChange({ options: [...draft.options, ""] });
    focusSoon(`${draft.uid}-option-${draft.options.length}`);
  };
  const removeOption = (i: number) => {
    props.onChange({ options: draft.options.filter((_, j) => j !== i) });
    focusSoon(`${draft.uid}-add-option`);
  };
  return (
    <fieldset class="options" aria-describedby={error ? `${errorId}-error` : undefined}>
      <legend>{t("builder.options")}</legend>
      {draft.options.map((option, i) => (
        <div class="option-row" key={i}>
          <TextField
            id={`${draft.uid}-option-${i}`}
            name={`questions.${index}.options.${i}`}
            label={t("builder.option", { n: i + 1 })}
            value={option}
            onValue={(v) => set(i, v)}
            maxLength={200}
          />
          <button
            type="button"
            class="link-button"
            aria-label={t("builder.removeOptionLabel", { n: i + 1 })}
            onClick={() => removeOption(i)}
          >
            {t("builder.removeOption")}
          </button>
        </div>
      ))}
      <FieldMessages id={errorId} name={`questions.${index}.options`} error={error} />
      <button type="button" id={`${draft.uid}-add-option`} data-testid={`add-option-${index}`} onClick={addOption}>
        {t("builder.addOption")}
      </button>
    </fieldset>
  );
}

function NumberLimits(props: DraftEditorProps) {
  const { t } = useI18n();
  const { draft, index, problems } = props;
  return (
    <>
      <div class="row">
        <TextField
          id={`${draft.uid}-minimum`}
          name={`questions.${index}.minimum`}
          label={t("builder.minimum")}
          inputMode="decimal"
          optional
          value={draft.minimum}
          onValue={(minimum) => props.onChange({ minimum })}
          error={draftProblemText(t, problems.minimum)}
        />
        <TextField
          id={`${draft.uid}-maximum`}
          name={`questions.${index}.maximum`}
          label={t("builder.maximum")}
          inputMode="decimal"
          optional
          value={draft.maximum}
          onValue={(maximum) => props.onChange({ maximum })}
          error={draftProblemText(t, problems.maximum)}
        />
      </div>
      <CheckboxField
        id={`${draft.uid}-integer`}
        name={`questions.${index}.integer`}
        label={t("builder.integer")}
        checked={draft.integer}
        onChecked={(integer) => props.onChange({ integer })}
      />
    </>
  );
}
