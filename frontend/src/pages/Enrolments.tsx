/** Branch officers: training enrolments of their branch's members waiting for a decision. */
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import type { Enrolment } from "../api/types";
import { TextAreaField } from "../components/Field";
import { Loading } from "../components/Guard";
import { Link } from "../components/Link";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { formatAnswer } from "../components/QuestionFields";
import { useI18n } from "../i18n/context";
import { useBranches } from "../lib/branches";
import { formatEventTime } from "../lib/eventTime";
import { type FieldErrors, alertText, useForm } from "../lib/forms";
import { formatDateTime, fullName } from "../lib/format";
import { inLanguage } from "../lib/texts";
import { api } from "../services";
import { pagePath } from "./events/shared";

const REJECT_FIELDS = ["reason", "decision"] as const;
export const enrolmentId = (e: Enrolment) => `${e.training_id}-${e.member_id}`;

export function Enrolments() {
  const { t } = useI18n();
  const notices = useNotices();
  const [items, setItems] = useState<Enrolment[] | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [approving, setApproving] = useState<string | null>(null);
  const rejectForm = useForm("enrolments", REJECT_FIELDS, notices);

  const load = useCallback(async () => {
    try {
      const page = await api.enrolments();
      setItems(page.items ?? []);
    } catch (error) {
      setItems((current) => current ?? []);
      notices.alert("enrolments", (tr) => alertText(error, tr, false, []));
    }
  }, [notices.alert]);

  useEffect(() => {
    void load();
  }, [load]);

  /** 409: decided already (by another officer). Say so and show the fresh list. */
  const onConflict = (error: unknown): boolean => {
    if (!(error instanceof ApiError && error.status === 409)) return false;
    notices.alert("enrolments", (tr) => alertText(error, tr, false, []));
    setRejecting(null);
    void load();
    return true;
  };

  const approve = async (e: Enrolment) => {
    if (approving) return;
    setApproving(enrolmentId(e));
    notices.clear();
    try {
      await api.decideEnrolment(e.training_id, e.member_id, { decision: "approve" });
      notices.status("enrolments", (tr) => tr("enrolments.approved", { name: fullName(e) }));
      await load();
    } catch (error) {
      if (!onConflict(error)) notices.alert("enrolments", (tr) => alertText(error, tr, false, []));
    } finally {
      setApproving(null);
    }
  };

  const submitReject = (e: Enrolment) => (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<"reason"> = {};
    if (!reason.trim()) clientErrors.reason = t("errors.required");
    void rejectForm.run(
      async () => {
        await api.decideEnrolment(e.training_id, e.member_id, { decision: "reject", reason: reason.trim() });
        setRejecting(null);
        setReason("");
        notices.status("enrolments", (tr) => tr("enrolments.rejected", { name: fullName(e) }));
        await load();
      },
      { clientErrors, onError: onConflict },
    );
  };

  const startReject = (e: Enrolment) => {
    notices.clear();
    rejectForm.setErrors({});
    setReason("");
    setRejecting(enrolmentId(e));
    window.requestAnimationFrame(() => document.getElementById(`reject-reason-${enrolmentId(e)}`)?.focus());
  };

  return (
    <section>
      <PageTitle title={t("enrolments.title")} />
      <p>{t("enrolments.intro")}</p>
      <div class="actions">
        <button type="button" data-testid="refresh-enrolments" onClick={() => void load()}>
          {t("common.refresh")}
        </button>
      </div>
      <Notice notices={notices} owner="enrolments" />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="enrolments-empty">{t("enrolments.empty")}</p>
      ) : (
        <ul class="cards" data-testid="enrolments">
          {items.map((e) => {
            const id = enrolmentId(e);
            const name = fullName(e);
            return (
              <li key={id} class="card" data-testid={`enrolment-${id}`}>
                <EnrolmentFacts enrolment={e} />
                {rejecting === id ? (
                  <form ref={rejectForm.formRef} onSubmit={submitReject(e)} noValidate class="inline-form">
                    <TextAreaField
                      id={`reject-reason-${id}`}
                      name="reason"
                      label={t("enrolments.rejectReason")}
                      value={reason}
                      onValue={setReason}
                      required
                      error={rejectForm.errors.reason ?? rejectForm.errors.decision}
                      maxLength={2000}
                    />
                    <div class="actions">
                      <button type="submit" class="danger" data-testid={`confirm-reject-${id}`} disabled={rejectForm.busy}>
                        {t("enrolments.confirmReject")}
                      </button>
                      <button type="button" data-testid={`cancel-reject-${id}`} onClick={() => setRejecting(null)}>
                        {t("common.cancel")}
                      </button>
                    </div>
                  </form>
                ) : (
                  <div class="actions">
                    <button
                      type="button"
                      class="primary"
                      data-testid={`approve-${id}`}
                      aria-label={t("enrolments.approveLabel", { name })}
                      disabled={approving !== null}
                      onClick={() => void approve(e)}
                    >
                      {t("enrolments.approve")}
                    </button>
                    <button
                      type="button"
                      data-testid={`reject-${id}`}
                      aria-label={t("enrolments.rejectLabel", { name })}
                      disabled={approving !== null}
                      onClick={() => startReject(e)}
                    >
                      {t("enrolments.reject")}
                    </button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function EnrolmentFacts(props: { enrolment: Enrolment }) {
  const { t, lang } = useI18n();
  const directory = useBranches();
  const e = props.enrolment;
  const answers = Object.entries(e.answers ?? {});
  return (
    <>
      <h2 class="card-title">{fullName(e)}</h2>
      <dl class="facts">
        <div>
          <dt>{t("enrolments.training")}</dt>
          <dd>
            <Link to={pagePath("training", e.training_id)}>{inLanguage(e.title, lang) || e.training_id}</Link>
          </dd>
        </div>
        <div>
          <dt>{t("enrolments.starts")}</dt>
          <dd>{formatEventTime(e.starts_at, lang)}</dd>
        </div>
        <div>
          <dt>{t("enrolments.branch")}</dt>
          <dd>{directory.branchName(e.branch_id) || t("common.notSet")}</dd>
        </div>
        <div>
          <dt>{t("enrolments.requested")}</dt>
          <dd>{formatDateTime(e.requested_at, lang)}</dd>
        </div>
      </dl>
      {answers.length ? (
        <dl class="facts answers">
          {answers.map(([key, value]) => (
            <div key={key}>
              <dt>{key}</dt>
              <dd>{formatAnswer(t, value)}</dd>
            </div>
          ))}
        </dl>
      ) : null}
    </>
  );
}
