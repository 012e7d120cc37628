/**
 * The options or candidates of an election: add, remove, reorder; for d'Hondt each candidate's
 * list and electoral alliance. Inputs are named `options.<n>.<field>` as the API names them, so
 * a server error lands on its input.
 */
import type { TFunction } from "i18next";
import type { ElectionKind } from "../../api/types";
import { TextField } from "../../components/Field";
import { useI18n } from "../../i18n/context";
import { type OptionDraft, moveOption, newOption, withOptionIds } from "../../lib/elections/form";

const focusSoon = (id: string) => window.requestAnimationFrame(() => document.getElementById(id)?.focus());

export function OptionsEditor(props: {
  kind: ElectionKind;
  options: OptionDraft[];
  onOptions: (options: OptionDraft[]) => void;
  errors: Record<string, string | undefined>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const { options, kind } = props;
  const dhondt = kind === "dhondt";
  const update = (next: OptionDraft[]) => props.onOptions(withOptionIds(next));
  const change = (uid: string, patch: Partial<OptionDraft>) => update(options.map((o) => (o.uid === uid ? { ...o, ...patch } : o)));
  const add = () => {
    const last = options[options.length - 1];
    // A new candidate of a list election starts on the same list as the one above it.
    const option = { ...newOption(), list: dhondt ? (last?.list ?? "") : "", alliance: dhondt ? (last?.alliance ?? "") : "" };
    update([...options, option]);
    focusSoon(`${option.uid}-name`);
  };
  const remove = (index: number) => {
    const gone = options[index]!;
    update(options.filter((o) => o.uid !== gone.uid));
    const neighbour = options[index + 1] ?? options[index - 1];
    focusSoon(neighbour ? `${neighbour.uid}-name` : "add-option");
  };
  const move = (uid: string, by: -1 | 1) => {
    update(moveOption(options, uid, by));
    focusSoon(`${uid}-${by < 0 ? "up" : "down"}`);
  };
  const noun = dhondt || kind === "irv" || kind.startsWith("stv") ? "candidate" : "option";
  return (
    <div class="options-editor" data-testid="options-editor">
      {props.errors.options ? (
        <p class="field-error" id="options-error" data-testid="error-options">
          {props.errors.options}
        </p>
      ) : null}
      {options.length === 0 ? <p class="muted">{t("electionForm.noOptions")}</p> : null}
      <ol class="drafts">
        {options.map((option, index) => (
          <li key={option.uid}>
            <fieldset class="card draft" data-testid={`option-${index}`} disabled={props.disabled}>
              <legend>{t(noun === "candidate" ? "electionForm.candidateN" : "electionForm.optionN", { n: index + 1 })}</legend>
              <div class={dhondt ? "row row-4" : "row"}>
                <TextField
                  id={`${option.uid}-name`}
                  name={`options.${index}.name`}
                  label={t("electionForm.optionName")}
                  value={option.name}
                  onValue={(name) => change(option.uid, { name })}
                  maxLength={200}
                  required
                  error={props.errors[`options.${index}.name`]}
                />
                <TextField
                  id={`${option.uid}-id`}
                  name={`options.${index}.id`}
                  label={t("electionForm.optionId")}
                  hint={t("electionForm.optionIdHint")}
                  value={option.id}
                  onValue={(id) => change(option.uid, { id: id.trim(), idEdited: id.trim() !== "" })}
                  maxLength={40}
                  spellcheck={false}
                  autoComplete="off"
                  error={props.errors[`options.${index}.id`]}
                />
                {dhondt ? (
                  <>
                    <TextField
                      id={`${option.uid}-list`}
                      name={`options.${index}.list`}
                      label={t("electionForm.list")}
                      value={option.list}
                      onValue={(list) => change(option.uid, { list })}
                      maxLength={200}
                      required
                      error={props.errors[`options.${index}.list`]}
                    />
                    <TextField
                      id={`${option.uid}-alliance`}
                      name={`options.${index}.alliance`}
                      label={t("electionForm.alliance")}
                      hint={t("electionForm.allianceHint")}
                      optional
                      value={option.alliance}
                      onValue={(alliance) => change(option.uid, { alliance })}
                      maxLength={200}
                      error={props.errors[`options.${index}.alliance`]}
                    />
                  </>
                ) : null}
              </div>
              <div class="actions draft-actions">
                <button
                  type="button"
                  id={`${option.uid}-up`}
                  data-testid={`option-up-${index}`}
                  aria-label={moveLabel(t, "up", option.name, index)}
                  disabled={index === 0}
                  onClick={() => move(option.uid, -1)}
                >
                  {t("builder.moveUp")}
                </button>
                <button
                  type="button"
                  id={`${option.uid}-down`}
                  data-testid={`option-down-${index}`}
                  aria-label={moveLabel(t, "down", option.name, index)}
                  disabled={index === options.length - 1}
                  onClick={() => move(option.uid, 1)}
                >
                  {t("builder.moveDown")}
                </button>
                <button
                  type="button"
                  class="danger-outline"
                  data-testid={`remove-option-${index}`}
                  aria-label={t("electionForm.removeLabel", { name: option.name || index + 1 })}
                  onClick={() => remove(index)}
                >
                  {t("builder.remove")}
                </button>
              </div>
            </fieldset>
          </li>
        ))}
      </ol>
      <div class="actions">
        <button type="button" id="add-option" data-testid="add-option" disabled={props.disabled} onClick={add}>
          {t(noun === "candidate" ? "electionForm.addCandidate" : "electionForm.addOption")}
        </button>
      </div>
    </div>
  );
}

function moveLabel(t: TFunction, way: "up" | "down", name: string, index: number): string {
  const who = name || String(index + 1);
  return way === "up" ? t("electionForm.moveUpLabel", { name: who }) : t("electionForm.moveDownLabel", { name: who });
}
