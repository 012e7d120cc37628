/** What the event and training pages share: paths, loading one event, badges. */
import type { TFunction } from "i18next";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ACTIVE_REGISTRATION, type EventKind, type Registration, type UnionEvent } from "../../api/types";
import { Loading } from "../../components/Guard";
import { Notice, useNotices } from "../../components/Notice";
import { PageTitle } from "../../components/PageTitle";
import { useI18n } from "../../i18n/context";
import { alertText } from "../../lib/forms";
import { api } from "../../services";

/** The web page of an event or training: "/events/<id>/participants", "/trainings/new" … */
export function pagePath(kind: EventKind, id?: string, sub?: string): string {
  const base = kind === "training" ? "/trainings" : "/events";
  return [base, id ? encodeURIComponent(id) : null, sub ?? null].filter(Boolean).join("/");
}

export interface Loaded<T> {
  data: T | null;
  error: unknown;
  reload: () => Promise<void>;
  set: (data: T) => void;
}

/** Loads once on mount; `reload` fetches again. */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<unknown>(null);
  const reload = useCallback(async () => {
    try {
      setData(await load());
      setError(null);
    } catch (e) {
      setError(e);
    }
    // The loader is fixed for the page's lifetime (pages are keyed by path).
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, reload, set: setData };
}

export function useEvent(kind: EventKind, id: string): Loaded<UnionEvent> {
  return useLoad(() => api.event(kind, id));
}

/** While loading: "Loading…"; on failure: the page's title and the error. */
export function LoadState(props: { error: unknown; title: string }) {
  const notices = useNotices();
  const { error } = props;
  useEffect(() => {
    if (error) notices.alert("page", (tr) => alertText(error, tr, false, []));
  }, [error, notices.alert]);
  if (!error) return <Loading />;
  return (
    <section>
      <PageTitle title={props.title} />
      <Notice notices={notices} owner="page" />
    </section>
  );
}

export function isActive(registration: Registration | null | undefined): registration is Registration {
  return Boolean(registration && ACTIVE_REGISTRATION.includes(registration.status));
}

export function registrationText(t: TFunction, registration: Registration): string {
  switch (registration.status) {
    case "confirmed":
      return t("registration.status.confirmed");
    case "waiting":
      return registration.position
        ? t("registration.status.waitingAt", { position: registration.position })
        : t("registration.status.waiting");
    case "pending_approval":
      return t("registration.status.pending_approval");
    case "cancelled":
      return t("registration.status.cancelled");
    case "declined":
      return t("registration.status.declined");
    default:
      return registration.status;
  }
}

/** One badge for a list: the caller's own place if any, else the seats. */
export function EventBadge(props: { event: UnionEvent }) {
  const { t } = useI18n();
  const { event } = props;
  const mine = event.my_registration;
  if (event.status === "cancelled") return <span class="badge badge-danger">{t("events.cancelled")}</span>;
  if (isActive(mine)) {
    const tone = mine.status === "confirmed" ? "badge-success" : "badge-info";
    return (
      <span class={`badge ${tone}`} data-testid="my-badge">
        {registrationText(t, mine)}
      </span>
    );
  }
  return <SeatsBadge event={event} />;
}

export function SeatsBadge(props: { event: UnionEvent }) {
  const { t } = useI18n();
  const seats = props.event.seats;
  if (!seats) return null;
  if (seats.free > 0) return <span class="badge">{t("events.seatsLeft", { count: seats.free })}</span>;
  return (
    <span class="badge badge-warning">
      {seats.waiting ? t("events.fullWaiting", { count: seats.waiting }) : t("events.full")}
    </span>
  );
}
