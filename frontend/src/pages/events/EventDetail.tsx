import { useEffect, useState } from "preact/hooks";
import type { EventKind, UnionEvent } from "../../api/types";
import { Link } from "../../components/Link";
import { Notice, type Notices, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { deliver } from "../../lib/downloads";
import { formatEventRange, formatEventTime } from "../../lib/eventTime";
import { useForm } from "../../lib/forms";
import { inLanguage } from "../../lib/texts";
import { api } from "../../services";
import { RegistrationPanel } from "./RegistrationPanel";
import { LoadState, SeatsBadge, pagePath, useEvent } from "./shared";

export function EventDetail(props: { kind: EventKind; params: Record<string, string> }) {
  const { t, lang } = useI18n();
  const id = props.params.id ?? "";
  const loaded = useEvent(props.kind, id);
  const notices = useNotices();
  const event = loaded.data;
  if (!event) return <LoadState error={loaded.error} title={t(props.kind === "training" ? "nav.trainings" : "nav.events")} />;
  const description = inLanguage(event.description, lang);
  return (
    <section data-testid="event-detail" data-event-id={event.id}>
      <PageTitle title={inLanguage(event.title, lang) || t("events.untitled")} />
      <Notice notices={notices} owner="page" />
      {event.status === "cancelled" ? (
        <p class="notice notice-error" data-testid="event-cancelled">
          {t("events.cancelledNotice")}
        </p>
      ) : null}
      {event.can_manage ? <ManagerLinks event={event} /> : null}
      <div class="grid">
        <div class="column">
          <EventFacts event={event} notices={notices} />
          {description ? (
            <section class="card" aria-labelledby="description-title">
              <h2 id="description-title">{t("events.description")}</h2>
              <p class="description" data-testid="event-description">
                {description}
              </p>
            </section>
          ) : null}
        </div>
        <div class="column">
          <RegistrationPanel event={event} notices={notices} onChanged={loaded.reload} />
        </div>
      </div>
    </section>
  );
}

function ManagerLinks(props: { event: UnionEvent }) {
  const { t } = useI18n();
  const { kind, id } = props.event;
  return (
    <nav class="manager-links" aria-label={t("events.manage")}>
      <Link to={pagePath(kind, id, "edit")} class="button-link" data-testid="edit-event">
        {t("events.edit")}
      </Link>
      <Link to={pagePath(kind, id, "participants")} class="button-link" data-testid="open-participants">
        {t("participants.title")}
      </Link>
      <Link to={pagePath(kind, id, "checkin")} class="button-link" data-testid="open-checkin">
        {t("checkin.title")}
      </Link>
    </nav>
  );
}

function EventFacts(props: { event: UnionEvent; notices: Notices }) {
  const { t, lang } = useI18n();
  const { event } = props;
  const zone = event.timezone || undefined;
  const seats = event.seats;
  return (
    <section class="card" aria-labelledby="facts-title">
      <h2 id="facts-title" class="visually-hidden">
        {t("events.details")}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t("events.when")}</dt>
          <dd data-testid="event-when">{formatEventRange(event.starts_at, event.ends_at, lang, zone)}</dd>
        </div>
        {event.place ? (
          <div>
            <dt>{t("events.place")}</dt>
            <dd data-testid="event-place">{event.place}</dd>
          </div>
        ) : null}
        {event.online_url ? (
          <div>
            <dt>{t("events.onlineLink")}</dt>
            <dd>
              <a href={event.online_url} rel="noopener noreferrer" target="_blank" data-testid="event-online-url">
                {event.online_url}
              </a>
            </dd>
          </div>
        ) : null}
        {seats ? (
          <div>
            <dt>{t("events.seats")}</dt>
            <dd data-testid="event-seats">
              {t("events.seatsOf", { free: seats.free, capacity: seats.capacity })}{" "}
              {seats.waiting ? t("events.waitingCount", { count: seats.waiting }) : null}{" "}
              {seats.free === 0 ? <SeatsBadge event={event} /> : null}
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("events.registration")}</dt>
          <dd>
            {t("events.registrationWindow", {
              from: formatEventTime(event.registration_opens_at, lang, zone),
              to: formatEventTime(event.registration_closes_at, lang, zone),
            })}
          </dd>
        </div>
        <div>
          <dt>{t("events.cancellationDeadline")}</dt>
          <dd>{formatEventTime(event.cancellation_deadline, lang, zone)}</dd>
        </div>
        {event.kind === "training" ? <TrainingFacts event={event} /> : null}
      </dl>
      <CalendarButton event={event} notices={props.notices} />
    </section>
  );
}

function TrainingFacts(props: { event: UnionEvent }) {
  const { t } = useI18n();
  const { event } = props;
  return (
    <>
      <div>
        <dt>{t("events.hours")}</dt>
        <dd data-testid="training-hours">{t("events.hoursValue", { count: event.hours ?? 0 })}</dd>
      </div>
      <div>
        <dt>{t("events.prerequisites")}</dt>
        <dd data-testid="training-prerequisites">
          <Prerequisites ids={event.prerequisites ?? []} />
        </dd>
      </div>
      <div>
        <dt>{t("events.approval")}</dt>
        <dd data-testid="training-approval">{event.requires_approval ? t("events.needsApproval") : t("events.noApproval")}</dd>
      </div>
    </>
  );
}

/** Prerequisite trainings by title (an id stays an id when the training can't be read). */
function Prerequisites(props: { ids: string[] }) {
  const { t, lang } = useI18n();
  const [titles, setTitles] = useState<Record<string, string>>({});
  useEffect(() => {
    let alive = true;
    for (const id of props.ids) {
      api
        .event("training", id)
        .then((training) => alive && setTitles((all) => ({ ...all, [id]: inLanguage(training.title, lang) })))
        .catch(() => undefined);
    }
    return () => {
      alive = false;
    };
  }, [props.ids.join(","), lang]);
  if (!props.ids.length) return <>{t("common.none")}</>;
  return (
    <ul class="plain-list">
      {props.ids.map((id) => (
        <li key={id}>
          <Link to={pagePath("training", id)}>{titles[id] || id}</Link>
        </li>
      ))}
    </ul>
  );
}

function CalendarButton(props: { event: UnionEvent; notices: Notices }) {
  const { t } = useI18n();
  const form = useForm("calendar", [], props.notices);
  const { event } = props;
  const save = () =>
    void form.run(async () => {
      const response = await api.calendar(event.kind, event.id);
      await deliver(response, `${event.kind}-${event.id}.ics`);
    });
  return (
    <>
      <Notice notices={props.notices} owner="calendar" />
      <div class="actions">
        <button type="button" data-testid="add-to-calendar" onClick={save} disabled={form.busy}>
          {t("events.addToCalendar")}
        </button>
      </div>
    </>
  );
}
