import { useEffect, useState } from "preact/hooks";
import { CATEGORIES, type ApplicationBody } from "../api/types";
import { BranchSelects } from "../components/BranchSelects";
import { SelectField, TextField } from "../components/Field";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { labelFor, useI18n } from "../i18n/context";
import { useBranches } from "../lib/branches";
import { type FieldErrors, alertText, useForm } from "../lib/forms";
import { compact, isE164, isEmail } from "../lib/validate";
import { api } from "../services";

const FIELDS = ["email", "first_name", "last_name", "phone", "branch_id", "workplace_id", "category", "language"] as const;
type JoinField = (typeof FIELDS)[number];

const EMPTY = { email: "", first_name: "", last_name: "", phone: "", branch_id: "", workplace_id: "", category: "" };

export function Join() {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const directory = useBranches();
  const form = useForm("join", FIELDS, notices);
  const [values, setValues] = useState(EMPTY);
  const [sent, setSent] = useState(false);

  useEffect(() => {
    if (directory.error) notices.alert("join", (tr) => alertText(directory.error, tr, false, []));
  }, [directory.error, notices.alert]);

  const set = (field: keyof typeof EMPTY) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const validate = (): FieldErrors<JoinField> => {
    const errors: FieldErrors<JoinField> = {};
    if (!values.email.trim()) errors.email = t("errors.required");
    else if (!isEmail(values.email)) errors.email = t("errors.email");
    if (!values.first_name.trim()) errors.first_name = t("errors.required");
    if (!values.last_name.trim()) errors.last_name = t("errors.required");
    if (values.phone.trim() && !isE164(values.phone)) errors.phone = t("errors.phone");
    if (!values.branch_id) errors.branch_id = t("errors.required");
    return errors;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    void form.run(
      async () => {
        const body: ApplicationBody = {
          email: values.email.trim(),
          first_name: values.first_name.trim(),
          last_name: values.last_name.trim(),
          branch_id: values.branch_id,
          language: lang,
        };
        if (values.workplace_id) body.workplace_id = values.workplace_id;
        if (values.category) body.category = values.category;
        if (values.phone.trim()) body.phone = compact(values.phone);
        await api.apply(body);
        setSent(true);
        setValues(EMPTY);
        notices.status("join", (tr) => tr("join.thanks"));
      },
      { clientErrors: validate() },
    );
  };

  if (sent) {
    return (
      <section class="narrow">
        <PageTitle title={t("join.title")} />
        <Notice notices={notices} owner="join" />
        <p>
          <button
            type="button"
            class="link-button"
            data-testid="new-application"
            onClick={() => {
              notices.clear();
              setSent(false);
            }}
          >
            {t("join.another")}
          </button>
        </p>
      </section>
    );
  }

  return (
    <section class="narrow">
      <PageTitle title={t("join.title")} />
      <form ref={form.formRef} onSubmit={onSubmit} noValidate class="card">
        <p>{t("join.intro")}</p>
        <TextField
          id="join-email"
          name="email"
          type="email"
          label={t("fields.email")}
          value={values.email}
          onValue={set("email")}
          autoComplete="email"
          spellcheck={false}
          required
          error={form.errors.email}
        />
        <div class="row">
          <TextField
            id="join-first_name"
            name="first_name"
            label={t("fields.first_name")}
            value={values.first_name}
            onValue={set("first_name")}
            autoComplete="given-name"
            required
            error={form.errors.first_name}
          />
          <TextField
            id="join-last_name"
            name="last_name"
            label={t("fields.last_name")}
            value={values.last_name}
            onValue={set("last_name")}
            autoComplete="family-name"
            required
            error={form.errors.last_name}
          />
        </div>
        <TextField
          id="join-phone"
          name="phone"
          type="tel"
          label={t("fields.phone")}
          hint={t("hints.phone")}
          value={values.phone}
          onValue={set("phone")}
          autoComplete="tel"
          optional
          error={form.errors.phone}
        />
        <BranchSelects
          idPrefix="join"
          directory={directory}
          branchId={values.branch_id}
          workplaceId={values.workplace_id}
          onBranch={set("branch_id")}
          onWorkplace={set("workplace_id")}
          branchLabel={t("fields.branch_id")}
          workplaceLabel={t("fields.workplace_id")}
          branchPlaceholder={t("common.choose")}
          workplacePlaceholder={t("join.workplaceNone")}
          branchError={form.errors.branch_id}
          workplaceError={form.errors.workplace_id}
          branchRequired
          workplaceOptional
        />
        <SelectField
          id="join-category"
          name="category"
          label={t("fields.category")}
          value={values.category}
          onValue={set("category")}
          placeholder={t("join.categoryNone")}
          options={CATEGORIES.map((c) => ({ value: c, label: labelFor(t, "category", c) }))}
          optional
          error={form.errors.category}
        />
        <p class="hint">{t("join.languageNote")}</p>
        {form.errors.language ? (
          <p class="field-error" data-testid="error-language">
            {form.errors.language}
          </p>
        ) : null}
        <Notice notices={notices} owner="join" />
        <div class="actions">
          <button type="submit" class="primary" data-testid="submit-application" disabled={form.busy}>
            {t("join.submit")}
          </button>
        </div>
      </form>
    </section>
  );
}
