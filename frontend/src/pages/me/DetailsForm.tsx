import { useEffect, useRef, useState } from "preact/hooks";
import { EDITABLE_ME_FIELDS, type EditableMeField, type Me } from "../../api/types";
import { TextField } from "../../components/Field";
import { Notice, type Notices } from "../../components/Notice";
import { useI18n } from "../../i18n/context";
import { type FieldErrors, useForm } from "../../lib/forms";
import { type DetailValues, REQUIRED_ME_FIELDS, diffPatch, valuesOf } from "../../lib/mePatch";
import { COUNTRY_RE, isE164, isEmail } from "../../lib/validate";
import { api, session } from "../../services";

type Values = DetailValues;
const REQUIRED = REQUIRED_ME_FIELDS;

export function DetailsForm(props: { me: Me; notices: Notices }) {
  const { t } = useI18n();
  const { me, notices } = props;
  const form = useForm("details", EDITABLE_ME_FIELDS, notices);
  const [values, setValues] = useState<Values>(() => valuesOf(me));

  // When /me changes (saved, reloaded), take the new values for fields the user has not edited.
  const baseline = useRef<Values>(valuesOf(me));
  useEffect(() => {
    const previous = baseline.current;
    const fresh = valuesOf(me);
    baseline.current = fresh;
    setValues((current) => {
      const merged = { ...current };
      for (const f of EDITABLE_ME_FIELDS) if (current[f] === previous[f]) merged[f] = fresh[f];
      return merged;
    });
  }, [me]);

  const set = (field: EditableMeField) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const validate = (): FieldErrors<EditableMeField> => {
    const errors: FieldErrors<EditableMeField> = {};
    for (const field of REQUIRED) if (!values[field].trim()) errors[field] = t("errors.required");
    if (values.email.trim() && !isEmail(values.email)) errors.email = t("errors.email");
    if (values.phone.trim() && !isE164(values.phone)) errors.phone = t("errors.phone");
    if (values.country.trim() && !COUNTRY_RE.test(values.country.trim().toUpperCase())) errors.country = t("errors.country");
    return errors;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.run(
      async () => {
        const patch = diffPatch(me, values);
        if (Object.keys(patch).length === 0) {
          notices.status("details", (tr) => tr("me.noChanges"));
          return;
        }
        const updated = await api.updateMe(patch);
        setValues(valuesOf(updated));
        session.setMe(updated);
        notices.status("details", (tr) => tr("me.saved"));
      },
      { clientErrors: validate() },
    );
  };

  const field = (name: EditableMeField, extra: Partial<Parameters<typeof TextField>[0]> = {}) => (
    <TextField
      id={`me-${name}`}
      name={name}
      label={t(`fields.${name}`)}
      value={values[name]}
      onValue={set(name)}
      error={form.errors[name]}
      required={REQUIRED.includes(name)}
      optional={!REQUIRED.includes(name)}
      {...extra}
    />
  );

  return (
    <section class="card" aria-labelledby="details-title">
      <h2 id="details-title">{t("me.contactTitle")}</h2>
      <form ref={form.formRef} onSubmit={onSubmit} noValidate>
        {field("email", { type: "email", autoComplete: "email", hint: t("hints.email"), spellcheck: false })}
        <div class="row">
          {field("first_name", { autoComplete: "given-name" })}
          {field("last_name", { autoComplete: "family-name" })}
        </div>
        {field("phone", { type: "tel", autoComplete: "tel", hint: t("hints.phone") })}
        {field("street_address", { autoComplete: "street-address" })}
        <div class="row">
          {field("postal_code", { autoComplete: "postal-code", inputMode: "numeric" })}
          {field("city", { autoComplete: "address-level2" })}
        </div>
        {field("country", { autoComplete: "country", hint: t("hints.country"), maxLength: 2, size: 4 })}
        {field("iban", { hint: t("hints.iban"), spellcheck: false, autoComplete: "off" })}
        <p class="hint">{t("me.languageNote")}</p>
        <Notice notices={notices} owner="details" />
        <div class="actions">
          <button type="submit" class="primary" data-testid="save-details" disabled={form.busy}>
            {t("me.save")}
          </button>
        </div>
      </form>
    </section>
  );
}
