/**
 * Page messages. A page has at most one message at a time, shown next to the form that
 * caused it: success in role="status", failure in role="alert".
 */
import type { TFunction } from "i18next";
import { useCallback, useMemo, useState } from "preact/hooks";
import type { Language } from "../api/types";
import { takeFlash } from "../lib/flash";
import { useI18n } from "../i18n/context";

export type NoticeKind = "status" | "alert";

/** Rendered at display time with the current language, so a language change re-translates it. */
export type Message = (t: TFunction, lang: Language) => string;

export interface NoticeState {
  owner: string;
  kind: NoticeKind;
  message: Message;
}

export interface Notices {
  notice: NoticeState | null;
  status: (owner: string, message: Message) => void;
  alert: (owner: string, message: Message) => void;
  clear: () => void;
}

/** Page-level message state; a flash left by the previous page shows under owner "page". */
export function useNotices(): Notices {
  const [notice, setNotice] = useState<NoticeState | null>(() => {
    const flash = takeFlash();
    return flash ? { owner: "page", kind: flash.kind, message: (t) => t(flash.key) } : null;
  });
  const status = useCallback((owner: string, message: Message) => {
    setNotice({ owner, kind: "status", message });
  }, []);
  const alert = useCallback((owner: string, message: Message) => {
    setNotice({ owner, kind: "alert", message });
  }, []);
  const clear = useCallback(() => setNotice(null), []);
  return useMemo(() => ({ notice, status, alert, clear }), [notice, status, alert, clear]);
}

export function Notice(props: { notices: Notices; owner: string }) {
  const { t, lang } = useI18n();
  const notice = props.notices.notice;
  if (!notice || notice.owner !== props.owner) return null;
  return (
    <div
      role={notice.kind}
      class={notice.kind === "alert" ? "notice notice-error" : "notice notice-success"}
      data-testid={`notice-${props.owner}`}
    >
      {notice.message(t, lang)}
    </div>
  );
}
