/**
 * The registration form's fields, rendered from the event's questions. Each input is named
 * `answers.<key>` (the path the server names in its field errors); a field's error shows right
 * after it as data-testid="error-answers.<key>", tied by aria-describedby.
 */
import type { TFunction } from "i18next";
import type { AnswerValue } from "../api/types";
import { useI18n } from "../i18n/context";
import { type AnswerProblem, type FormValue, type FormValues, type Question, answerField } from "../lib/questions";
import { inLanguage } from "../lib/texts";
import { FieldMessages, TextField } from "./Field";

export function answerProblemText(t: TFunction, problem: AnswerProblem): string {
  switch (problem.code) {
    case "required":
      return t("errors.required");
    case "number":
      return t("questions.errors.number");
    case "integer":
      return t("questions.errors.integer");
    case "choice":
      return t("questions.errors.choice");
    case "minimum":
      return t("questions.errors.minimum", { limit: problem.limit });
    case "maximum":
      return t("questions.errors.maximum", { limit: problem.limit });
    case "maxLength":
      return t("questions.errors.maxLength", { limit: problem.limit });
  }
}

/** An answer as text for tables: yes/no translated, several choices joined. */
export function formatAnswer(t: TFunction, value: AnswerValue | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? t("common.yes") : t("common.no");
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

interface FieldsProps {
  idPrefix: string;
  questions: readonly Question[];
  values: FormValues;
  errors: Record<string, string | undefined>;
  onValue: (key: string, value: FormValue) => void;
  disabled?: boolean;
}

export function QuestionFields(props: FieldsProps) {
  return (
    <>
      {props.questions.map((q) => (
        <QuestionField
          key={q.key}
          id={`${props.idPrefix}-${q.key}`}
          question={q}
          value={props.values[q.key] ?? (q.type === "multi" ? [] : "")}
          error={props.errors[answerField(q.key)]}
          onValue={(value) => props.onValue(q.key, value)}
          disabled={props.disabled ?? false}
        />
      ))}
    </>
  );
}

interface FieldProps {
  id: string;
  question: Question;
  value: FormValue;
  error: string | undefined;
  onValue: (value: FormValue) => void;
  disabled: boolean;
}

function QuestionField(props: FieldProps) {
  const { t, lang } = useI18n();
  const q = props.question;
  const label = inLanguage(q.title, lang) || q.key;
  const name = answerField(q.key);
  if (q.type === "text" || q.type === "number") {
    const hint = q.type === "number" ? numberHint(t, q) : undefined;
    return (
      <TextField
        id={props.id}
        name={name}
        label={label}
        inputMode={q.type === "number" ? (q.integer ? "numeric" : "decimal") : undefined}
        value={typeof props.value === "string" ? props.value : ""}
        onValue={props.onValue}
        required={q.required}
        optional={!q.required}
        maxLength={q.type === "text" ? (q.maxLength ?? undefined) : undefined}
        hint={hint}
        error={props.error}
      />
    );
  }
  const options =
    q.type === "yesno"
      ? [
          { value: "true", label: t("common.yes") },
          { value: "false", label: t("common.no") },
        ]
      : q.options.map((o) => ({ value: o, label: o }));
  return (
    <ChoiceGroup
      id={props.id}
      name={name}
      legend={label}
      multiple={q.type === "multi"}
      options={options}
      value={props.value}
      onValue={props.onValue}
      required={q.required}
      error={props.error}
      disabled={props.disabled}
    />
  );
}

function numberHint(t: TFunction, q: Question): string | undefined {
  if (q.minimum !== null && q.maximum !== null) return t("questions.hints.between", { min: q.minimum, max: q.maximum });
  if (q.minimum !== null) return t("questions.hints.atLeast", { min: q.minimum });
  if (q.maximum !== null) return t("questions.hints.atMost", { max: q.maximum });
  return q.integer ? t("questions.hints.integer") : undefined;
}

interface ChoiceGroupProps {
  id: string;
  name: string;
  legend: string;
  multiple: boolean;
  options: { value: string; label: string }[];
  value: FormValue;
  onValue: (value: FormValue) => void;
  required: boolean;
  error: string | undefined;
  disabled: boolean;
}

/** Radio buttons (one answer) or checkboxes (several) in a fieldset whose legend is the question. */
function ChoiceGroup(props: ChoiceGroupProps) {
  const { t } = useI18n();
  const chosen = Array.isArray(props.value) ? props.value : props.value ? [props.value] : [];
  const errorId = props.error ? `${props.id}-error` : undefined;
  const toggle = (option: string, on: boolean) => {
    if (!props.multiple) props.onValue(option);
    else props.onValue(on ? [...chosen.filter((c) => c !== option), option] : chosen.filter((c) => c !== option));
  };
  return (
    <fieldset
      class={props.error ? "field choices has-error" : "field choices"}
      role={props.multiple ? "group" : "radiogroup"}
      aria-required={!props.multiple && props.required ? "true" : undefined}
      aria-describedby={errorId}
      data-testid={`question-${props.name}`}
    >
      <legend>
        {props.legend}
        {props.required ? null : <span class="optional"> ({t("common.optional")})</span>}
      </legend>
      {props.options.map((option, i) => {
        const id = `${props.id}-${i}`;
        return (
          <div class="choice" key={option.value}>
            <input
              id={id}
              type={props.multiple ? "checkbox" : "radio"}
              name={props.name}
              value={option.value}
              checked={chosen.includes(option.value)}
              onChange={(e) => toggle(option.value, e.currentTarget.checked)}
              aria-invalid={props.error ? "true" : undefined}
              aria-describedby={errorId}
              disabled={props.disabled}
            />
            <label for={id}>{option.label}</label>
          </div>
        );
      })}
      <FieldMessages id={props.id} name={props.name} error={props.error} />
    </fieldset>
  );
}
