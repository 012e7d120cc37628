/** A queue of cases waiting for an officer's approve/reject decision (membership applications,
 * training enrolments): loading, approving, rejecting with a reason, and a 409 when another
 * officer decided first. */
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api/errors";
import type { Decision } from "../api/types";
import type { Message, Notices } from "../components/Notice";
import { type FieldErrors, alertText, useForm } from "./forms";

const REJECT_FIELDS = ["reason", "decision"] as const;

export interface DecisionQueueOptions<T> {
  /** The notices owner and the form's name. */
  owner: string;
  notices: Notices;
  list: () => Promise<{ items?: T[] }>;
  idOf: (item: T) => string;
  decide: (item: T, decision: Decision) => Promise<unknown>;
  /** What to say once a decision is recorded. */
  decided: (item: T, decision: Decision["decision"]) => Message;
  /** The message for a rejection without a reason. */
  reasonRequired: () => string;
}

export function useDecisionQueue<T>(options: DecisionQueueOptions<T>) {
  const { owner, notices, list, idOf, decide, decided, reasonRequired } = options;
  const [items, setItems] = useState<T[] | null>(null);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState("");
  const [approving, setApproving] = useState<string | null>(null);
  const rejectForm = useForm(owner, REJECT_FIELDS, notices);

  const load = useCallback(async () => {
    try {
      const page = await list();
      setItems(page.items ?? []);
    } catch (error) {
      setItems((current) => current ?? []);
      notices.alert(owner, (tr) => alertText(error, tr, false, []));
    }
  }, [notices.alert]);

  useEffect(() => {
    void load();
  }, [load]);

  /** 409: someone else decided first. Show the server's message and the fresh list. */
  const onConflict = (error: unknown): boolean => {
    if (!(error instanceof ApiError && error.status === 409)) return false;
    notices.alert(owner, (tr) => alertText(error, tr, false, []));
    setRejecting(null);
    void load();
    return true;
  };

  const approve = async (item: T) => {
    if (approving) return;
    setApproving(idOf(item));
    notices.clear();
    try {
      await decide(item, { decision: "approve" });
      notices.status(owner, decided(item, "approve"));
      await load();
    } catch (error) {
      if (!onConflict(error)) notices.alert(owner, (tr) => alertText(error, tr, false, []));
    } finally {
      setApproving(null);
    }
  };

  const submitReject = (item: T) => (event: Event) => {
    event.preventDefault();
    const clientErrors: FieldErrors<"reason"> = {};
    if (!reason.trim()) clientErrors.reason = reasonRequired();
    void rejectForm.run(
      async () => {
        await decide(item, { decision: "reject", reason: reason.trim() });
        setRejecting(null);
        setReason("");
        notices.status(owner, decided(item, "reject"));
        await load();
      },
      { clientErrors, onError: onConflict },
    );
  };

  /** Open the reason field of one case, with the focus in it. */
  const startReject = (item: T, focusId: string) => {
    notices.clear();
    rejectForm.setErrors({});
    setReason("");
    setRejecting(idOf(item));
    window.requestAnimationFrame(() => document.getElementById(focusId)?.focus());
  };

  const cancelReject = () => {
    setRejecting(null);
    rejectForm.setErrors({});
  };

  return { items, load, rejecting, reason, setReason, approving, rejectForm, approve, submitReject, startReject, cancelReject };
}
