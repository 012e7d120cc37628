/** Form plumbing: client-side errors, API errors mapped to fields, busy state, focus. */
import type { TFunction } from "i18next";
import { useCallback, useRef, useState } from "preact/hooks";
import { ApiError, errorMessage, splitFieldErrors } from "../api/errors";
import type { Notices } from "../components/Notice";

export type FieldErrors<F extends string> = Partial<Record<F, string>>;

/** The alert text for an API error; problems on fields the form lacks are listed after it. */
export function alertText(error: unknown, t: TFunction, hasFieldErrors: boolean, others: { path: string; message: string }[]): string {
  const base =
    error instanceof ApiError && !error.message.trim() && hasFieldErrors
      ? t("errors.checkFields")
      : errorMessage(error, (key) => t(key));
  const extra = others.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).filter(Boolean);
  return extra.length ? `${base} ${extra.join(" ")}` : base;
}

export interface FormController<F extends string> {
  errors: FieldErrors<F>;
  setErrors: (errors: FieldErrors<F>) => void;
  busy: boolean;
  formRef: { current: HTMLFormElement | null };
  /**
   * Runs a submit: shows `clientErrors` if any, else calls `action` and maps an API error to
   * fields and the form's alert. `onError` may handle an error first (return true if handled).
   */
  run: (
    action: () => Promise<void>,
    options?: { clientErrors?: FieldErrors<F>; onError?: (error: unknown) => boolean },
  ) => Promise<void>;
}

export function useForm<F extends string>(owner: string, fields: readonly F[], notices: Notices): FormController<F> {
  const [errors, setErrorsState] = useState<FieldErrors<F>>({});
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const busyRef = useRef(false);

  const focusFirstError = useCallback(() => {
    window.requestAnimationFrame(() => {
      const first = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
      first?.focus();
    });
  }, []);

  const setErrors = useCallback((next: FieldErrors<F>) => setErrorsState(next), []);

  const run = useCallback<FormController<F>["run"]>(
    async (action, options = {}) => {
      if (busyRef.current) return;
      const clientErrors = options.clientErrors ?? {};
      if (Object.values(clientErrors).some(Boolean)) {
        setErrorsState(clientErrors);
        notices.alert(owner, (t) => t("errors.checkFields"));
        focusFirstError();
        return;
      }
      setErrorsState({});
      notices.clear();
      busyRef.current = true;
      setBusy(true);
      try {
        await action();
      } catch (error) {
        if (options.onError?.(error)) return;
        const split = error instanceof ApiError ? splitFieldErrors(error, fields) : { byField: {}, other: [] };
        const byField = split.byField as FieldErrors<F>;
        const hasFieldErrors = Object.keys(byField).length > 0;
        setErrorsState(byField);
        notices.alert(owner, (t) => alertText(error, t, hasFieldErrors, split.other));
        if (hasFieldErrors) focusFirstError();
      } finally {
        busyRef.current = false;
        setBusy(false);
      }
    },
    [owner, fields, notices, focusFirstError],
  );

  return { errors, setErrors, busy, formRef, run };
}
