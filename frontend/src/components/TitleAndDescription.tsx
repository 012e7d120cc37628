/**
 * The title and description of an event or an election, one field per language (fi, sv, en),
 * with the server's errors at each (`title.fi`, or the whole `title` shown at the Finnish one).
 */
import { LANGUAGES, type Language } from "../api/types";
import { useI18n } from "../i18n/context";
import { Fieldset, TextAreaField, TextField } from "./Field";

export type Texts = Record<Language, string>;

export function TitleAndDescription(props: {
  idPrefix: string;
  title: Texts;
  description: Texts;
  onText: (field: "title" | "description", lang: Language) => (text: string) => void;
  errors: Record<string, string | undefined>;
  titleMaxLength: number;
  finnishRequired: boolean;
  descriptionRows: number;
  hint: string;
}) {
  const { t } = useI18n();
  const err = props.errors;
  return (
    <>
      <Fieldset legend={t("eventForm.titleLegend")}>
        <div class="row row-3">
          {LANGUAGES.map((lang) => (
            <TextField
              key={lang}
              id={`${props.idPrefix}-title-${lang}`}
              name={`title.${lang}`}
              label={t(`eventForm.titleIn.${lang}`)}
              value={props.title[lang]}
              onValue={props.onText("title", lang)}
              maxLength={props.titleMaxLength}
              required={props.finnishRequired && lang === "fi"}
              optional={props.finnishRequired && lang !== "fi"}
              error={err[`title.${lang}`] ?? (lang === "fi" ? err.title : undefined)}
            />
          ))}
        </div>
        <p class="hint">{props.hint}</p>
      </Fieldset>
      <Fieldset legend={t("eventForm.descriptionLegend")}>
        {LANGUAGES.map((lang) => (
          <TextAreaField
            key={lang}
            id={`${props.idPrefix}-description-${lang}`}
            name={`description.${lang}`}
            label={t(`eventForm.descriptionIn.${lang}`)}
            optional
            rows={props.descriptionRows}
            maxLength={5000}
            value={props.description[lang]}
            onValue={props.onText("description", lang)}
            error={err[`description.${lang}`] ?? (lang === "fi" ? err.description : undefined)}
          />
        ))}
      </Fieldset>
    </>
  );
}
