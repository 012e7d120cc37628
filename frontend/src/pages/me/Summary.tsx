import type { Me } from "../../api/types";
import { Link } from "../../components/Link";
import { labelFor, useI18n } from "../../i18n/context";
import type { BranchDirectory } from "../../lib/branches";
import { formatDate, formatDateTime } from "../../lib/format";

export function MembershipSummary(props: { me: Me; directory: BranchDirectory }) {
  const { t, lang } = useI18n();
  const { me, directory } = props;
  const dash = t("common.notSet");
  const roles = (me.roles ?? []).map((r) => labelFor(t, "role", r)).join(", ");
  return (
    <section class="card" aria-labelledby="summary-title">
      <h2 id="summary-title">{t("me.summaryTitle")}</h2>
      <dl class="facts" data-testid="membership-summary">
        <div>
          <dt>{t("me.status")}</dt>
          <dd data-testid="me-status">{labelFor(t, "status", me.status) || dash}</dd>
        </div>
        <div>
          <dt>{t("me.category")}</dt>
          <dd data-testid="me-category">{labelFor(t, "category", me.category) || dash}</dd>
        </div>
        <div>
          <dt>{t("me.memberSince")}</dt>
          <dd data-testid="me-member-since">{formatDate(me.member_since, lang) || dash}</dd>
        </div>
        <div>
          <dt>{t("me.branch")}</dt>
          <dd data-testid="me-branch">{directory.branchName(me.branch_id) || dash}</dd>
        </div>
        <div>
          <dt>{t("me.workplace")}</dt>
          <dd data-testid="me-workplace">{directory.workplaceName(me.workplace_id) || dash}</dd>
        </div>
        <div>
          <dt>{t("me.roles")}</dt>
          <dd data-testid="me-roles">{roles || dash}</dd>
        </div>
      </dl>
    </section>
  );
}

export function StatusHistory(props: { me: Me }) {
  const { t, lang } = useI18n();
  const history = props.me.status_history ?? [];
  return (
    <section class="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("me.historyTitle")}</h2>
      {history.length === 0 ? (
        <p>{t("me.noHistory")}</p>
      ) : (
        <div class="table-wrap" tabIndex={0} role="region" aria-labelledby="history-title">
          <table data-testid="status-history">
            <thead>
              <tr>
                <th scope="col">{t("me.historyDate")}</th>
                <th scope="col">{t("me.historyStatus")}</th>
                <th scope="col">{t("me.historyCategory")}</th>
                <th scope="col">{t("me.historyReason")}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((h, i) => (
                <tr key={`${h.at}-${i}`}>
                  <td>{formatDateTime(h.at, lang)}</td>
                  <td>{labelFor(t, "status", h.status)}</td>
                  <td>{labelFor(t, "category", h.category)}</td>
                  <td>{h.reason ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function PendingRequests(props: { me: Me }) {
  const { t, lang } = useI18n();
  const pending = props.me.pending_requests ?? [];
  return (
    <section class="card" aria-labelledby="pending-title">
      <h2 id="pending-title">{t("me.pendingTitle")}</h2>
      {pending.length === 0 ? (
        <p>{t("me.noPending")}</p>
      ) : (
        <ul class="plain-list" data-testid="pending-requests">
          {pending.map((r) => (
            <li key={r.id} data-testid={`request-${r.id}`}>
              <strong>{labelFor(t, "requestKind", r.kind)}</strong> — {labelFor(t, "requestStatus", r.status)}
              <span class="muted">
                {" "}
                ({t("me.pendingCreated")} {formatDate(r.created_at, lang)})
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function EventLinks() {
  const { t } = useI18n();
  return (
    <section class="card" aria-labelledby="my-events-title">
      <h2 id="my-events-title">{t("me.eventsTitle")}</h2>
      <ul class="plain-list">
        <li>
          <Link to="/me/registrations" data-testid="me-registrations-link">
            {t("me.registrationsLink")}
          </Link>
        </li>
        <li>
          <Link to="/me/certificates" data-testid="me-certificates-link">
            {t("me.certificatesLink")}
          </Link>
        </li>
      </ul>
    </section>
  );
}
