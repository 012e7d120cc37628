/**
 * Labelled inputs. Each has a <label for>, `name` equal to the API field, an optional hint,
 * and its error right below with data-testid="error-<name>", tied to the input by
 * aria-describedby and marked with aria-invalid.
 */
import type { ComponentChildren } from "preact";
import { useI18n } from "../i18n/context";

interface BaseProps {
  id: string;
  name: string;
  label: string;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
  /** Shows "(optional)" after the label. */
  optional?: boolean;
}

function describedBy(id: string, hint?: string, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

function Label(props: { id: string; label: string; optional?: boolean | undefined }) {
  const { t } = useI18n();
  return (
    <label for={props.id}>
      {props.label}
      {props.optional ? <span class="optional"> ({t("common.optional")})</span> : null}
    </label>
  );
}

export function FieldMessages(props: { id: string; name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.hint ? (
        <p id={`${props.id}-hint`} class="hint">
          {props.hint}
        </p>
      ) : null}
      {props.error ? (
        <p id={`${props.id}-error`} class="field-error" data-testid={`error-${props.name}`}>
          {props.error}
        </p>
      ) : null}
    </>
  );
}

export interface TextFieldProps extends BaseProps {
  value: string;
  onValue: (value: string) => void;
  type?: "text" | "email" | "tel" | "date" | "datetime-local" | "search" | "number" | "url";
  autoComplete?: string;
  inputMode?: "text" | "numeric" | "tel" | "email" | "decimal" | "search" | "url" | "none";
  maxLength?: number;
  spellcheck?: boolean;
  min?: string;
  max?: string;
  step?: string;
  size?: number;
  disabled?: boolean;
}

export function TextField(props: TextFieldProps) {
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <Label id={props.id} label={props.label} optional={props.optional} />
      <input
        id={props.id}
        name={props.name}
        // Preact types <input> as a union by `type`; every type allowed here takes the same attributes.
        type={(props.type ?? "text") as "text"}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        autoComplete={props.autoComplete}
        inputMode={props.inputMode}
        maxLength={props.maxLength}
        spellcheck={props.spellcheck}
        min={props.min}
        max={props.max}
        step={props.step}
        size={props.size}
        disabled={props.disabled}
      />
      <FieldMessages id={props.id} name={props.name} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface SelectFieldProps extends BaseProps {
  value: string;
  onValue: (value: string) => void;
  options: Option[];
  /** First option with value "" (e.g. "Choose…", "Any"). */
  placeholder?: string;
  disabled?: boolean;
}

export function SelectField(props: SelectFieldProps) {
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <Label id={props.id} label={props.label} optional={props.optional} />
      <select
        id={props.id}
        name={props.name}
        value={props.value}
        onChange={(e) => props.onValue(e.currentTarget.value)}
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
        disabled={props.disabled}
      >
        {props.placeholder !== undefined ? <option value="">{props.placeholder}</option> : null}
        {props.options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <FieldMessages id={props.id} name={props.name} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface TextAreaFieldProps extends BaseProps {
  value: string;
  onValue: (value: string) => void;
  rows?: number;
  maxLength?: number;
}

export function TextAreaField(props: TextAreaFieldProps) {
  return (
    <div class={props.error ? "field has-error" : "field"}>
      <Label id={props.id} label={props.label} optional={props.optional} />
      <textarea
        id={props.id}
        name={props.name}
        value={props.value}
        rows={props.rows ?? 3}
        maxLength={props.maxLength}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        required={props.required}
        aria-required={props.required ? "true" : undefined}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />
      <FieldMessages id={props.id} name={props.name} hint={props.hint} error={props.error} />
    </div>
  );
}

export interface CheckboxFieldProps extends Omit<BaseProps, "optional"> {
  checked: boolean;
  onChecked: (checked: boolean) => void;
  disabled?: boolean;
  value?: string;
}

export function CheckboxField(props: CheckboxFieldProps) {
  return (
    <div class={props.error ? "field checkbox has-error" : "field checkbox"}>
      <input
        id={props.id}
        name={props.name}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChecked(e.currentTarget.checked)}
        required={props.required}
        disabled={props.disabled}
        value={props.value}
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={describedBy(props.id, props.hint, props.error)}
      />
      <label for={props.id}>{props.label}</label>
      <FieldMessages id={props.id} name={props.name} hint={props.hint} error={props.error} />
    </div>
  );
}

export function Fieldset(props: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.children}
    </fieldset>
  );
}
