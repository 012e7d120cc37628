/** Branch officers: training enrolments of their branch's members waiting for a decision. */
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
import { useDecisionQueue } from "../lib/decisionQueue";
import { formatDateTime, fullName } from "../lib/format";
import { inLanguage } from "../lib/texts";
import { api } from "../services";
import { pagePath } from "./events/shared";

export const enrolmentId = (e: Enrolment) => `${e.training_id}-${e.member_id}`;

export function Enrolments() {
  const { t } = useI18n();
  const notices = useNotices();
  const queue = useDecisionQueue<Enrolment>({
    owner: "enrolments",
    notices,
    list: () => api.enrolments(),
    idOf: enrolmentId,
    decide: (e, decision) => api.decideEnrolment(e.training_id, e.member_id, decision),
    decided: (e, decision) => (tr) =>
      tr(decision === "approve" ? "enrolments.approved" : "enrolments.rejected", { name: fullName(e) }),
    reasonRequired: () => t("errors.required"),
  });
  const { items, load, rejecting, reason, setReason, approving, rejectForm, approve, submitReject } = queue;

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
                      <button type="button" data-testid={`cancel-reject-${id}`} onClick={queue.cancelReject}>
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
                      onClick={() => queue.startReject(e, `reject-reason-${enrolmentId(e)}`)}
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
