import type { Application } from "../api/types";
import { TextAreaField } from "../components/Field";
import { Loading } from "../components/Guard";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { labelFor, useI18n } from "../i18n/context";
import { useBranches } from "../lib/branches";
import { useDecisionQueue } from "../lib/decisionQueue";
import { formatDateTime, fullName } from "../lib/format";
import { api } from "../services";


export function Applications() {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const directory = useBranches();
  const queue = useDecisionQueue<Application>({
    owner: "applications",
    notices,
    list: () => api.pendingApplications(),
    idOf: (app) => app.id,
    decide: (app, decision) => api.decide(app.id, decision),
    decided: (app, decision) => (tr) =>
      tr(decision === "approve" ? "applications.approved" : "applications.rejected", { name: fullName(app) }),
    reasonRequired: () => t("errors.required"),
  });
  const { items, load, rejecting, reason, setReason, approving, rejectForm, approve, submitReject } = queue;

  return (
    <section>
      <PageTitle title={t("applications.title")} />
      <p>{t("applications.intro")}</p>
      <div class="actions">
        <button type="button" data-testid="refresh-applications" onClick={() => void load()}>
          {t("common.refresh")}
        </button>
      </div>
      <Notice notices={notices} owner="applications" />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="applications-empty">{t("applications.empty")}</p>
      ) : (
        <ul class="cards" data-testid="applications">
          {items.map((app) => {
            const name = fullName(app);
            return (
              <li key={app.id} class="card" data-testid={`application-${app.id}`}>
                <h2 class="card-title">{name}</h2>
                <dl class="facts">
                  <div>
                    <dt>{t("applications.email")}</dt>
                    <dd>{app.email}</dd>
                  </div>
                  <div>
                    <dt>{t("applications.branch")}</dt>
                    <dd>{directory.branchName(app.branch_id) || t("common.notSet")}</dd>
                  </div>
                  <div>
                    <dt>{t("applications.workplace")}</dt>
                    <dd>{directory.workplaceName(app.workplace_id) || t("common.notSet")}</dd>
                  </div>
                  <div>
                    <dt>{t("applications.category")}</dt>
                    <dd>{labelFor(t, "category", app.category) || t("common.notSet")}</dd>
                  </div>
                  <div>
                    <dt>{t("applications.submitted")}</dt>
                    <dd>{formatDateTime(app.submitted_at, lang)}</dd>
                  </div>
                </dl>
                {rejecting === app.id ? (
                  <form ref={rejectForm.formRef} onSubmit={submitReject(app)} noValidate class="inline-form">
                    <TextAreaField
                      id={`reject-reason-${app.id}`}
                      name="reason"
                      label={t("applications.rejectReason")}
                      value={reason}
                      onValue={setReason}
                      required
                      error={rejectForm.errors.reason ?? rejectForm.errors.decision}
                      maxLength={2000}
                    />
                    <div class="actions">
                      <button type="submit" class="danger" data-testid={`confirm-reject-${app.id}`} disabled={rejectForm.busy}>
                        {t("applications.confirmReject")}
                      </button>
                      <button
                        type="button"
                        data-testid={`cancel-reject-${app.id}`}
                        onClick={queue.cancelReject}
                      >
                        {t("common.cancel")}
                      </button>
                    </div>
                  </form>
                ) : (
                  <div class="actions">
                    <button
                      type="button"
                      class="primary"
                      data-testid={`approve-${app.id}`}
                      aria-label={t("applications.approveLabel", { name })}
                      disabled={approving !== null}
                      onClick={() => void approve(app)}
                    >
                      {t("applications.approve")}
                    </button>
                    <button
                      type="button"
                      data-testid={`reject-${app.id}`}
                      aria-label={t("applications.rejectLabel", { name })}
                      disabled={approving !== null}
                      onClick={() => queue.startReject(app, `reject-reason-${app.id}`)}
                    >
                      {t("applications.reject")}
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
