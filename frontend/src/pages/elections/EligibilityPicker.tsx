/**
 * Who may vote: every active member, or those who match every part given — statuses, categories,
 * branches, a saved segment, member since. Lists are check boxes (any ticked value will do).
 */
import { useEffect, useState } from "preact/hooks";
import { CATEGORIES, STATUSES, type Segment } from "../../api/types";
import { FieldMessages, SelectField, TextField } from "../../components/Field";
import { labelFor, useI18n } from "../../i18n/context";
import { useBranches } from "../../lib/branches";
import { EVERY_ACTIVE_MEMBER, type EligibilityValues } from "../../lib/elections/form";
import { api } from "../../services";

type ListKey = "statuses" | "categories" | "branch_ids";

function CheckList(props: {
  id: string;
  legend: string;
  name: ListKey;
  options: { value: string; label: string }[];
  value: string[];
  onValue: (value: string[]) => void;
  hint?: string;
  error?: string | undefined;
}) {
  const toggle = (v: string, on: boolean) => props.onValue(on ? [...props.value, v] : props.value.filter((x) => x !== v));
  const describedBy = [props.hint ? `${props.id}-hint` : "", props.error ? `${props.id}-error` : ""].filter(Boolean).join(" ");
  return (
    <fieldset class={props.error ? "field choices has-error" : "field choices"} aria-describedby={describedBy || undefined}>
      <legend>{props.legend}</legend>
      {props.options.map((o) => (
        <div class="choice" key={o.value}>
          <input
            id={`${props.id}-${o.value}`}
            type="checkbox"
            name={`eligibility.${props.name}`}
            value={o.value}
            checked={props.value.includes(o.value)}
            onChange={(e) => toggle(o.value, e.currentTarget.checked)}
          />
          <label for={`${props.id}-${o.value}`}>{o.label}</label>
        </div>
      ))}
      <FieldMessages id={props.id} name={`eligibility.${props.name}`} hint={props.hint} error={props.error} />
    </fieldset>
  );
}

export function EligibilityPicker(props: {
  value: EligibilityValues;
  onChange: (update: (current: EligibilityValues) => EligibilityValues) => void;
  errors: Record<string, string | undefined>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const directory = useBranches();
  const [segments, setSegments] = useState<Segment[] | null>(null);
  const { value, errors } = props;
  useEffect(() => {
    let alive = true;
    api
      .segments()
      .then((page) => alive && setSegments(page.items ?? []))
      .catch(() => alive && setSegments([]));
    return () => {
      alive = false;
    };
  }, []);
  const set = <K extends keyof EligibilityValues>(key: K) => (v: EligibilityValues[K]) => props.onChange((c) => ({ ...c, [key]: v }));
  const scope = (limited: boolean) => props.onChange((c) => (limited ? { ...c, limited } : { ...EVERY_ACTIVE_MEMBER }));
  const segmentOptions = (segments ?? []).map((s) => ({ value: s.id, label: s.name }));
  if (value.segment_id && !segmentOptions.some((o) => o.value === value.segment_id)) {
    segmentOptions.push({ value: value.segment_id, label: value.segment_id });
  }
  return (
    <fieldset disabled={props.disabled} class="eligibility" data-testid="eligibility">
      <fieldset class="field choices" aria-describedby={errors.eligibility ? "eligibility-error" : undefined}>
        <legend class="visually-hidden">{t("electionForm.eligibilityTitle")}</legend>
        <div class="choice">
          <input id="eligibility-everyone" type="radio" name="eligibility_scope" value="everyone" checked={!value.limited} onChange={() => scope(false)} />
          <label for="eligibility-everyone">{t("electionForm.everyone")}</label>
        </div>
        <div class="choice">
          <input id="eligibility-limited" type="radio" name="eligibility_scope" value="limited" checked={value.limited} onChange={() => scope(true)} />
          <label for="eligibility-limited">{t("electionForm.limited")}</label>
        </div>
        <FieldMessages id="eligibility" name="eligibility" error={errors.eligibility} />
      </fieldset>
      {value.limited ? (
        <div data-testid="eligibility-rules">
          <p class="hint">{t("electionForm.limitedHint")}</p>
          <div class="row row-3">
            <CheckList
              id="eligibility-statuses"
              legend={t("electionForm.statuses")}
              name="statuses"
              options={STATUSES.map((s) => ({ value: s, label: labelFor(t, "status", s) }))}
              value={value.statuses}
              onValue={set("statuses")}
              hint={t("electionForm.statusesHint")}
              error={errors["eligibility.statuses"]}
            />
            <CheckList
              id="eligibility-categories"
              legend={t("electionForm.categories")}
              name="categories"
              options={CATEGORIES.map((c) => ({ value: c, label: labelFor(t, "category", c) }))}
              value={value.categories}
              onValue={set("categories")}
              hint={t("electionForm.anyHint")}
              error={errors["eligibility.categories"]}
            />
            <CheckList
              id="eligibility-branches"
              legend={t("electionForm.branches")}
              name="branch_ids"
              options={directory.branches.map((b) => ({ value: b.id, label: b.name }))}
              value={value.branch_ids}
              onValue={set("branch_ids")}
              hint={t("electionForm.anyHint")}
              error={errors["eligibility.branch_ids"]}
            />
          </div>
          {value.workplace_ids.length ? <p class="hint">{t("electionForm.workplacesKept", { count: value.workplace_ids.length })}</p> : null}
          <div class="row">
            <TextField
              id="eligibility-member_since_until"
              name="eligibility.member_since_until"
              type="date"
              label={t("electionForm.memberSinceUntil")}
              hint={t("electionForm.memberSinceUntilHint")}
              optional
              value={value.member_since_until}
              onValue={set("member_since_until")}
              error={errors["eligibility.member_since_until"]}
            />
            <TextField
              id="eligibility-member_since_from"
              name="eligibility.member_since_from"
              type="date"
              label={t("electionForm.memberSinceFrom")}
              hint={t("electionForm.memberSinceFromHint")}
              optional
              value={value.member_since_from}
              onValue={set("member_since_from")}
              error={errors["eligibility.member_since_from"]}
            />
          </div>
          <SelectField
            id="eligibility-segment_id"
            name="eligibility.segment_id"
            label={t("electionForm.segment")}
            hint={segments && segments.length === 0 ? t("electionForm.noSegments") : t("electionForm.segmentHint")}
            optional
            placeholder={t("common.none")}
            options={segmentOptions}
            value={value.segment_id}
            onValue={set("segment_id")}
            error={errors["eligibility.segment_id"]}
          />
        </div>
      ) : null}
    </fieldset>
  );
}
