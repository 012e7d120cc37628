import type { TFunction } from "i18next";
import { useEffect, useState } from "preact/hooks";
import { CONSEQUENCES, type ConsequenceCode, type ResignationPreview } from "../api/types";
import { CheckboxField, TextAreaField } from "../components/Field";
import { Loading } from "../components/Guard";
import { Link } from "../components/Link";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/context";
import { type FieldErrors, alertText, useForm } from "../lib/forms";
import { formatDate } from "../lib/format";
import { api, session, useSession } from "../services";

const FIELDS = ["confirm", "reason"] as const;

export function consequenceText(t: TFunction, code: string): string {
  return (CONSEQUENCES as readonly string[]).includes(code)
    ? t(`consequences.${code as ConsequenceCode}`)
    : t("consequences.other", { code });
}

export function Resignation() {
  const { t, lang } = useI18n();
  const { me } = useSession();
  const notices = useNotices();
  const form = useForm("resignation", FIELDS, notices);
  const [preview, setPreview] = useState<ResignationPreview | null>(null);
  const [loading, setLoading] = useState(true);
  const [confirmed, setConfirmed] = useState(false);
  const [reason, setReason] = useState("");
  const [done, setDone] = useState(false);

  const resigned = me?.status === "resigned";

  useEffect(() => {
    if (resigned) {
      setLoading(false);
      return undefined;
    }
    let alive = true;
    api
      .resignationPreview()
      .then((p) => alive && setPreview(p))
      .catch((error: unknown) => alive && notices.alert("page", (tr) => alertText(error, tr, false, [])))
      .finally(() => alive && setLoading(false));
    return () => {
      alive = false;
    };
  }, []);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<(typeof FIELDS)[number]> = {};
    if (!confirmed) clientErrors.confirm = t("errors.confirm");
    void form.run(
      async () => {
        const updated = await api.resign(reason.trim() || undefined);
        session.setMe(updated);
        setDone(true);
        const date = preview?.effective_date;
        notices.status("resignation", (tr, language) =>
          date ? tr("resignation.done", { date: formatDate(date, language) }) : tr("resignation.doneNoDate"),
        );
      },
      { clientErrors },
    );
  };

  return (
    <section class="narrow">
      <PageTitle title={t("resignation.title")} />
      <Notice notices={notices} owner="page" />
      {loading ? <Loading /> : null}
      {resigned && !done ? <p class="notice">{t("resignation.alreadyResigned")}</p> : null}
      {preview && !resigned && !done ? (
        <div class="card">
          <p>{t("resignation.intro")}</p>
          <p class="lead" data-testid="effective-date">
            {t("resignation.effective", { date: formatDate(preview.effective_date, lang) })}
          </p>
          <h2>{t("resignation.consequencesTitle")}</h2>
          {preview.consequences.length ? (
            <ul class="consequences" data-testid="consequences">
              {preview.consequences.map((c) => (
                <li key={c.code} data-testid={`consequence-${c.code}`}>
                  {consequenceText(t, c.code)}
                </li>
              ))}
            </ul>
          ) : (
            <p>{t("resignation.noConsequences")}</p>
          )}
          <form ref={form.formRef} onSubmit={onSubmit} noValidate>
            <CheckboxField
              id="resignation-confirm"
              name="confirm"
              label={t("resignation.confirm")}
              checked={confirmed}
              onChecked={setConfirmed}
              required
              error={form.errors.confirm}
            />
            <TextAreaField
              id="resignation-reason"
              name="reason"
              label={t("resignation.reasonLabel")}
              value={reason}
              onValue={setReason}
              error={form.errors.reason}
              maxLength={2000}
            />
            <Notice notices={notices} owner="resignation" />
            <div class="actions">
              <button type="submit" class="danger" data-testid="confirm-resignation" disabled={form.busy}>
                {t("resignation.submit")}
              </button>
            </div>
          </form>
        </div>
      ) : null}
      {done ? <Notice notices={notices} owner="resignation" /> : null}
      <p>
        <Link to="/me" data-testid="back-to-me">
          {t("resignation.back")}
        </Link>
      </p>
    </section>
  );
}
