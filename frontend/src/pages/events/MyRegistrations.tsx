import type { Registration } from "../../api/types";
import { Loading } from "../../components/Guard";
import { Link } from "../../components/Link";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventRange, isPast } from "../../lib/eventTime";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";
import { LoadState, isActive, pagePath, registrationText, useLoad } from "./shared";

/** Upcoming ones first (soonest first), then past ones (latest first). */
export function orderRegistrations(items: Registration[], now = Date.now()): Registration[] {
  const start = (r: Registration) => r.event?.starts_at ?? "";
  const upcoming = items.filter((r) => !isPast(r.event?.ends_at, now)).sort((a, b) => start(a).localeCompare(start(b)));
  const past = items.filter((r) => isPast(r.event?.ends_at, now)).sort((a, b) => start(b).localeCompare(start(a)));
  return [...upcoming, ...past];
}

export function MyRegistrations() {
  const { t } = useI18n();
  const loaded = useLoad(() => api.myRegistrations().then((page) => orderRegistrations(page.items ?? [])));
  const items = loaded.data;
  if (loaded.error) return <LoadState error={loaded.error} title={t("myRegistrations.title")} />;
  return (
    <section>
      <PageTitle title={t("myRegistrations.title")} />
      <p>
        <Link to="/events">{t("myRegistrations.findEvents")}</Link> ·{" "}
        <Link to="/trainings">{t("myRegistrations.findTrainings")}</Link> ·{" "}
        <Link to="/me/certificates">{t("nav.certificates")}</Link>
      </p>
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="registrations-empty">{t("myRegistrations.empty")}</p>
      ) : (
        <ul class="cards" data-testid="my-registrations">
          {items.map((r) => (
            <RegistrationCard key={r.event_id} registration={r} />
          ))}
        </ul>
      )}
    </section>
  );
}

function RegistrationCard(props: { registration: Registration }) {
  const { t, lang } = useI18n();
  const r = props.registration;
  const event = r.event;
  const kind = event?.kind ?? r.kind ?? "event";
  const active = isActive(r);
  return (
    <li class={active ? "card" : "card inactive"} data-testid={`registration-${r.event_id}`}>
      <h2 class="card-title">
        <Link to={pagePath(kind, r.event_id)}>{inLanguage(event?.title, lang) || r.event_id}</Link>
      </h2>
      <p class="muted">
        {kind === "training" ? t("myRegistrations.training") : t("myRegistrations.event")}
        {event ? ` · ${formatEventRange(event.starts_at, event.ends_at, lang)}` : ""}
        {event?.place ? ` · ${event.place}` : ""}
      </p>
      <p>
        <span class={`badge ${r.status === "confirmed" ? "badge-success" : active ? "badge-info" : ""}`} data-testid="registration-status">
          {registrationText(t, r)}
        </span>
        {r.checked_in_at ? <span class="badge">{t("myRegistrations.checkedIn")}</span> : null}
        {r.completed ? <span class="badge badge-success">{t("registration.completed")}</span> : null}
      </p>
    </li>
  );
}
