/** Public: is this certificate code genuine? Anyone with the code (an employer, say) may ask. */
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import type { CertificateCheck as Check } from "../api/types";
import { TextField } from "../components/Field";
import { Loading } from "../components/Guard";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/context";
import { formatEventDate } from "../lib/eventTime";
import { alertText } from "../lib/forms";
import { navigate } from "../lib/router";
import { inLanguage } from "../lib/texts";
import { api } from "../services";

export function CertificateCheck(props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const code = (props.params.code ?? "").trim();
  const notices = useNotices();
  const [result, setResult] = useState<Check | null>(null);
  const [typed, setTyped] = useState("");

  useEffect(() => {
    if (!code) return undefined;
    let alive = true;
    api
      .checkCertificate(code)
      .then((answer) => alive && setResult(answer))
      .catch((error: unknown) => {
        if (!alive) return;
        if (error instanceof ApiError && error.status === 404) setResult({ genuine: false, code });
        else notices.alert("page", (tr) => alertText(error, tr, false, []));
      });
    return () => {
      alive = false;
    };
  }, [code]);

  const onSubmit = (e: Event) => {
    e.preventDefault();
    const next = typed.trim();
    if (next) navigate(`/certificates/${encodeURIComponent(next)}`);
  };

  return (
    <section class="narrow">
      <PageTitle title={t("certificateCheck.title")} />
      <Notice notices={notices} owner="page" />
      {code && !result && !notices.notice ? <Loading /> : null}
      {result ? <Verdict result={result} code={code} /> : null}
      <form onSubmit={onSubmit} noValidate class="card">
        <TextField
          id="certificate-code"
          name="code"
          label={t("certificateCheck.codeLabel")}
          hint={t("certificateCheck.codeHint")}
          value={typed}
          onValue={setTyped}
          autoComplete="off"
          spellcheck={false}
        />
        <div class="actions">
          <button type="submit" data-testid="check-certificate">
            {t("certificateCheck.check")}
          </button>
        </div>
      </form>
    </section>
  );
}

function Verdict(props: { result: Check; code: string }) {
  const { t, lang } = useI18n();
  const { result } = props;
  if (!result.genuine) {
    return (
      <div role="alert" class="notice notice-error" data-testid="certificate-not-genuine">
        {t("certificateCheck.notGenuine", { code: props.code })}
      </div>
    );
  }
  return (
    <div class="card verdict" data-testid="certificate-genuine">
      <p role="status" class="notice notice-success">
        {t("certificateCheck.genuine")}
      </p>
      <dl class="facts">
        <div>
          <dt>{t("certificateCheck.name")}</dt>
          <dd data-testid="certificate-name">{result.name}</dd>
        </div>
        <div>
          <dt>{t("certificateCheck.training")}</dt>
          <dd data-testid="certificate-training">{inLanguage(result.training, lang)}</dd>
        </div>
        <div>
          <dt>{t("certificateCheck.date")}</dt>
          <dd data-testid="certificate-date">{formatEventDate(result.date, lang)}</dd>
        </div>
        {result.hours ? (
          <div>
            <dt>{t("certificates.hours")}</dt>
            <dd>{t("events.hoursValue", { count: result.hours })}</dd>
          </div>
        ) : null}
        {result.union ? (
          <div>
            <dt>{t("certificateCheck.union")}</dt>
            <dd>{result.union}</dd>
          </div>
        ) : null}
        <div>
          <dt>{t("certificates.code")}</dt>
          <dd>
            <code>{result.code ?? props.code}</code>
          </dd>
        </div>
      </dl>
    </div>
  );
}
