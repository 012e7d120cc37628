/** The UI language as Preact context: `t` re-renders everything when the language changes. */
import type { TFunction } from "i18next";
import { createContext, type ComponentChildren } from "preact";
import { useCallback, useContext, useEffect, useMemo, useState } from "preact/hooks";
import type { Language } from "../api/types";
import { api, session } from "../services";
import { i18n, isLanguage, readStoredLanguage, storeLanguage } from "./index";

export interface I18nValue {
  lang: Language;
  t: TFunction;
  setLanguage: (lang: Language) => void;
}

const I18nContext = createContext<I18nValue | null>(null);

export function useI18n(): I18nValue {
  const value = useContext(I18nContext);
  if (!value) throw new Error("useI18n outside I18nProvider");
  return value;
}

function apply(lang: Language): void {
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

export function I18nProvider(props: { initial: Language; children: ComponentChildren }) {
  const [lang, setLang] = useState<Language>(props.initial);

  const setLanguage = useCallback((next: Language) => {
    apply(next);
    storeLanguage(next);
    setLang(next);
    const me = session.state.me;
    if (session.state.phase === "signedIn" && me && me.language !== next) {
      api
        .updateMe({ language: next })
        .then((updated) => session.setMe(updated))
        .catch((error: unknown) => console.warn("could not save the language choice", error));
    }
  }, []);

  // After signing in on a browser with no stored choice, follow the member's saved language.
  useEffect(
    () =>
      session.subscribe((state) => {
        const saved = state.me?.language;
        if (state.phase === "signedIn" && isLanguage(saved) && !readStoredLanguage() && saved !== i18n.language) {
          apply(saved);
          storeLanguage(saved);
          setLang(saved);
        }
      }),
    [],
  );

  const value = useMemo<I18nValue>(() => ({ lang, t: i18n.getFixedT(lang), setLanguage }), [lang, setLanguage]);
  return <I18nContext.Provider value={value}>{props.children}</I18nContext.Provider>;
}

/** Translated label for a code from a closed list (category, status, role …), else the code. */
export type LabelGroup = "category" | "status" | "role" | "requestKind" | "requestStatus";

export function labelFor(t: TFunction, group: LabelGroup, code: string | null | undefined): string {
  if (!code) return "";
  const key = `${group}.${code}`;
  return i18n.exists(key) ? (t as unknown as (k: string) => string)(key) : code;
}
