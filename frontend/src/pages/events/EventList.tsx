import { useEffect, useState } from "preact/hooks";
import type { EventKind, UnionEvent } from "../../api/types";
import { Loading } from "../../components/Guard";
import { Link } from "../../components/Link";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { formatEventRange } from "../../lib/eventTime";
import { alertText } from "../../lib/forms";
import { inLanguage } from "../../lib/texts";
import { replaceQuery } from "../../lib/router";
import { ORGANIZER_ROLES, api, hasAnyRole, useSession } from "../../services";
import { EventBadge, pagePath } from "./shared";

/** Soonest first for upcoming ones, latest first for past ones. */
export function sortEvents(items: UnionEvent[], past: boolean): UnionEvent[] {
  const sorted = [...items].sort((a, b) => a.starts_at.localeCompare(b.starts_at) || a.id.localeCompare(b.id));
  return past ? sorted.reverse() : sorted;
}

export function EventList(props: { kind: EventKind }) {
  const { t } = useI18n();
  const { kind } = props;
  const notices = useNotices();
  const { me } = useSession();
  const [past, setPast] = useState(() => new URLSearchParams(window.location.search).get("past") === "true");
  const [items, setItems] = useState<UnionEvent[] | null>(null);

  useEffect(() => {
    let alive = true;
    setItems(null);
    api
      .events(kind, past)
      .then((page) => alive && setItems(sortEvents(page.items ?? [], past)))
      .catch((error: unknown) => {
        if (!alive) return;
        setItems([]);
        notices.alert("page", (tr) => alertText(error, tr, false, []));
      });
    return () => {
      alive = false;
    };
  }, [kind, past]);

  const togglePast = () => {
    const next = !past;
    replaceQuery(new URLSearchParams(next ? { past: "true" } : {}));
    setPast(next);
  };

  const training = kind === "training";
  const title = past ? t(training ? "events.pastTrainings" : "events.pastEvents") : t(training ? "nav.trainings" : "nav.events");
  return (
    <section>
      <PageTitle title={title} />
      <Notice notices={notices} owner="page" />
      <div class="actions">
        <button type="button" class="link-button" data-testid="toggle-past" onClick={togglePast}>
          {past
            ? t(training ? "events.showUpcomingTrainings" : "events.showUpcoming")
            : t(training ? "events.showPastTrainings" : "events.showPast")}
        </button>
        {hasAnyRole(me, ORGANIZER_ROLES) ? (
          <Link to={pagePath(kind, "new")} class="button-link primary-link" data-testid="new-event">
            {t(training ? "events.newTraining" : "events.newEvent")}
          </Link>
        ) : null}
      </div>
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        <p data-testid="events-empty">{t(training ? "events.noTrainings" : "events.noEvents")}</p>
      ) : (
        <ul class="cards event-list" data-testid="events">
          {items.map((event) => (
            <EventCard key={event.id} event={event} />
          ))}
        </ul>
      )}
    </section>
  );
}

function EventCard(props: { event: UnionEvent }) {
  const { t, lang } = useI18n();
  const { event } = props;
  const title = inLanguage(event.title, lang) || t("events.untitled");
  return (
    <li class="card event-card" data-testid={`event-${event.id}`}>
      <h2 class="card-title">
        <Link to={pagePath(event.kind, event.id)} data-testid={`open-${event.id}`}>
          {title}
        </Link>
      </h2>
      <p class="event-when">{formatEventRange(event.starts_at, event.ends_at, lang, event.timezone || undefined)}</p>
      {event.place || event.online_url ? <p class="muted">{event.place || t("events.online")}</p> : null}
      <p>
        <EventBadge event={event} />
        {event.kind === "training" && event.requires_approval ? (
          <span class="badge badge-info">{t("events.needsApproval")}</span>
        ) : null}
      </p>
    </li>
  );
}
