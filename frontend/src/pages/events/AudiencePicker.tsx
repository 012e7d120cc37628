/**
 * Who may register: everyone, or the members of a branch / workplace / category (a member is in
 * the audience when they match every list given). One value per list is picked here; an event
 * whose lists hold several (made through the API) keeps them until the organizer picks another.
 */
import { useState } from "preact/hooks";
import { CATEGORIES } from "../../api/types";
import { BranchSelects } from "../../components/BranchSelects";
import { FieldMessages, SelectField } from "../../components/Field";
import { labelFor, useI18n } from "../../i18n/context";
import { useBranches } from "../../lib/branches";
import type { AudienceValues } from "../../lib/eventForm";

const EVERYONE: AudienceValues = { branch_ids: [], workplace_ids: [], categories: [] };
const single = (ids: string[]) => (ids.length === 1 ? ids[0]! : "");
const one = (id: string) => (id ? [id] : []);

export function AudiencePicker(props: {
  value: AudienceValues;
  onChange: (update: (current: AudienceValues) => AudienceValues) => void;
  error?: string | undefined;
}) {
  const { t } = useI18n();
  const directory = useBranches();
  const { value } = props;
  const [limited, setLimited] = useState(() => Boolean(value.branch_ids.length || value.workplace_ids.length || value.categories.length));
  const placeholder = (ids: string[]) => (ids.length > 1 ? t("audience.several", { count: ids.length }) : t("common.any"));
  const setScope = (next: boolean) => {
    setLimited(next);
    if (!next) props.onChange(() => EVERYONE);
  };
  return (
    <>
      <fieldset class="field choices" aria-describedby={props.error ? "audience-error" : undefined}>
        <legend class="visually-hidden">{t("audience.legend")}</legend>
        <div class="choice">
          <input
            id="audience-everyone"
            type="radio"
            name="audience_scope"
            value="everyone"
            checked={!limited}
            onChange={() => setScope(false)}
          />
          <label for="audience-everyone">{t("audience.everyone")}</label>
        </div>
        <div class="choice">
          <input
            id="audience-limited"
            type="radio"
            name="audience_scope"
            value="limited"
            checked={limited}
            onChange={() => setScope(true)}
          />
          <label for="audience-limited">{t("audience.limited")}</label>
        </div>
        <FieldMessages id="audience" name="audience" error={props.error} />
      </fieldset>
      {limited ? (
        <div class="row row-3" data-testid="audience-lists">
          <BranchSelects
            idPrefix="audience"
            directory={directory}
            branchId={single(value.branch_ids)}
            workplaceId={single(value.workplace_ids)}
            onBranch={(id) => props.onChange((a) => ({ ...a, branch_ids: one(id) }))}
            onWorkplace={(id) => props.onChange((a) => ({ ...a, workplace_ids: one(id) }))}
            branchLabel={t("audience.branch")}
            workplaceLabel={t("audience.workplace")}
            branchPlaceholder={placeholder(value.branch_ids)}
            workplacePlaceholder={placeholder(value.workplace_ids)}
          />
          <SelectField
            id="audience-category"
            name="category"
            label={t("audience.category")}
            value={single(value.categories)}
            onValue={(c) => props.onChange((a) => ({ ...a, categories: one(c) }))}
            placeholder={placeholder(value.categories)}
            options={CATEGORIES.map((c) => ({ value: c, label: labelFor(t, "category", c) }))}
          />
        </div>
      ) : null}
    </>
  );
}
