import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import type { Application } from "../api/types";
import { TextAreaField } from "../components/Field";
import { Loading } from "../components/Guard";
import { Notice, useNotices } from "../components/Notice";
import { PageTitle } from "../components/PageTitle";
import { labelFor, useI18n } from "../i18n/context";
import { useBranches } from "../lib/branches";
import { type FieldErrors, alertText, useForm } from "../lib/forms";
import { formatDateTime, fullName } from "../lib/format";
import { api } from "../services";

const REJECT_FIELDS = ["reason", "decision"] as const;

export function Applications() {
  const { t, lang } = useI18n();
  const notices = useNotices();
  const directory = useBranches();
  const [items, setItems] = useState<Application[] | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [approving, setApproving] = useState<string | null>(null);
  const rejectForm = useForm("applications", REJECT_FIELDS, notices);

  const load = useCallback(async () => {
    try {
      const page = await api.pendingApplications();
      setItems(page.items ?? []);
    } catch (error) {
      setItems((current) => current ?? []);
      notices.alert("applications", (tr) => alertText(error, tr, false, []));
    }
  }, [notices.alert]);

  useEffect(() => {
    void load();
  }, [load]);

  /** 409: someone else decided first. Show the server's message and the fresh list. */
  const onConflict = (error: unknown): boolean => {
    if (error instanceof ApiError && error.status === 409) {
      notices.alert("applications", (tr) => alertText(error, tr, false, []));
      setRejecting(null);
      void load();
      return true;
    }
    return false;
  };

  const approve = async (app: Application) => {
    if (approving) return;
    setApproving(app.id);
    notices.clear();
    try {
      await api.decide(app.id, { decision: "approve" });
      notices.status("applications", (tr) => tr("applications.approved", { name: fullName(app) }));
      await load();
    } catch (error) {
      if (!onConflict(error)) notices.alert("applications", (tr) => alertText(error, tr, false, []));
    } finally {
      setApproving(null);
    }
  };

  const submitReject = (app: Application) => (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<"reason"> = {};
    if (!reason.trim()) clientErrors.reason = t("errors.required");
    void rejectForm.run(
      async () => {
        await api.decide(app.id, { decision: "reject", reason: reason.trim() });
        setRejecting(null);
        setReason("");
        notices.status("applications", (tr) => tr("applications.rejected", { name: fullName(app) }));
        await load();
      },
      { clientErrors, onError: onConflict },
    );
  };

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
                        onClick={() => {
                          setRejecting(null);
                          rejectForm.setErrors({});
                        }}
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
                      onClick={() => {
                        notices.clear();
                        rejectForm.setErrors({});
                        setReason("");
                        setRejecting(app.id);
                        window.requestAnimationFrame(() =>
                          document.getElementById(`reject-reason-${app.id}`)?.focus(),
                        );
                      }}
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
