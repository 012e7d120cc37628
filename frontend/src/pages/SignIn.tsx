import { useEffect, useRef, useState } from "preact/hooks";
import { TextField } from "../components/Field";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { useI18n } from "../i18n/context";
import { type FieldErrors, useForm } from "../lib/forms";
import { navigate, safeInternalPath, useLocation } from "../lib/router";
import { compact, isCode, isEmail } from "../lib/validate";
import { api, session, useSession } from "../services";

const EMAIL_FIELDS = ["email"] as const;
const CODE_FIELDS = ["code", "email"] as const;

export function SignIn() {
  const { t } = useI18n();
  const { query } = useLocation();
  const { phase, expired } = useSession();
  const notices = useNotices();
  const next = safeInternalPath(query.get("next"), "/me");

  const [step, setStep] = useState<"email" | "code">("email");
  const [email, setEmail] = useState("");
  const [code, setCode] = useState("");
  const emailForm = useForm("sign-in", EMAIL_FIELDS, notices);
  const codeForm = useForm("sign-in", CODE_FIELDS, notices);
  const codeStepRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (expired) {
      notices.status("sign-in", (tr) => tr("errors.sessionExpired"));
      session.clearExpired();
    }
  }, [expired, notices]);

  useEffect(() => {
    if (phase === "signedIn") navigate(next, { replace: true });
  }, [phase, next]);

  useEffect(() => {
    if (step === "code") codeStepRef.current?.querySelector<HTMLInputElement>("input[name=code]")?.focus();
  }, [step]);

  const requestCode = (event?: Event) => {
    event?.preventDefault();
    const address = email.trim();
    const clientErrors: FieldErrors<"email"> = {};
    if (!address) clientErrors.email = t("errors.required");
    else if (!isEmail(address)) clientErrors.email = t("errors.email");
    void emailForm.run(
      async () => {
        await api.requestCode(address);
        setCode("");
        setStep("code");
        notices.status("sign-in", (tr) => tr("signIn.codeSent", { email: address }));
      },
      { clientErrors },
    );
  };

  const submitCode = (event: Event) => {
    event.preventDefault();
    const value = compact(code);
    const clientErrors: FieldErrors<"code"> = {};
    if (!value) clientErrors.code = t("errors.required");
    else if (!isCode(value)) clientErrors.code = t("errors.code");
    void codeForm.run(
      async () => {
        const tokens = await api.exchangeCode(email.trim(), value);
        await session.completeSignIn(tokens);
        navigate(next, { replace: true });
      },
      { clientErrors },
    );
  };

  return (
    <section class="narrow">
      <PageTitle title={t("signIn.title")} />
      {step === "email" ? (
        <form ref={emailForm.formRef} onSubmit={requestCode} noValidate class="card">
          <p>{t("signIn.intro")}</p>
          <TextField
            id="sign-in-email"
            name="email"
            type="email"
            label={t("fields.email")}
            value={email}
            onValue={setEmail}
            autoComplete="email"
            spellcheck={false}
            required
            error={emailForm.errors.email}
          />
          <Notice notices={notices} owner="sign-in" />
          <div class="actions">
            <button type="submit" class="primary" data-testid="request-code" disabled={emailForm.busy}>
              {t("signIn.requestCode")}
            </button>
          </div>
        </form>
      ) : (
        <div ref={codeStepRef}>
          <form ref={codeForm.formRef} onSubmit={submitCode} noValidate class="card">
            <p>{t("signIn.codeIntro", { email: email.trim() })}</p>
            <TextField
              id="sign-in-code"
              name="code"
              label={t("fields.code")}
              hint={t("hints.code")}
              value={code}
              onValue={setCode}
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={12}
              spellcheck={false}
              required
              error={codeForm.errors.code ?? codeForm.errors.email}
            />
            <Notice notices={notices} owner="sign-in" />
            <div class="actions">
              <button type="submit" class="primary" data-testid="submit-code" disabled={codeForm.busy}>
                {t("signIn.submitCode")}
              </button>
            </div>
          </form>
          <div class="actions secondary-actions">
            <button
              type="button"
              class="link-button"
              data-testid="resend-code"
              disabled={emailForm.busy}
              onClick={() => requestCode()}
            >
              {t("signIn.resendCode")}
            </button>
            <button
              type="button"
              class="link-button"
              data-testid="change-email"
              onClick={() => {
                notices.clear();
                codeForm.setErrors({});
                setStep("email");
              }}
            >
              {t("signIn.changeEmail")}
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
