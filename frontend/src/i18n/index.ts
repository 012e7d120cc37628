/**
 * i18next set up for fi, sv and en. Language order: the choice stored in this browser,
 * then the browser's preferred languages, then English.
 */
import i18next, { type TFunction } from "i18next";
import { LANGUAGES, type Language } from "../api/types";
import { en, type Messages } from "./en";
import { fi } from "./fi";
import { sv } from "./sv";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "translation";
    resources: { translation: Messages };
  }
}

export const resources: Record<Language, Messages> = { en, fi, sv };
export const FALLBACK_LANGUAGE: Language = "en";
export const LANGUAGE_STORAGE_KEY = "union-portal.language";

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (LANGUAGES as readonly string[]).includes(value);
}

/** "sv-FI" → "sv", "FI" → "fi"; anything not supported → null. */
export function toLanguage(tag: string | null | undefined): Language | null {
  if (!tag) return null;
  const base = tag.trim().toLowerCase().split(/[-_]/)[0];
  // Norwegian and Danish readers are better served by Swedish than by English.
  const mapped = base === "nb" || base === "nn" || base === "no" || base === "da" ? "sv" : base;
  return isLanguage(mapped) ? mapped : null;
}

export function detectLanguage(stored: string | null, browser: readonly string[]): Language {
  const fromStore = toLanguage(stored);
  if (fromStore) return fromStore;
  for (const tag of browser) {
    const lang = toLanguage(tag);
    if (lang) return lang;
  }
  return FALLBACK_LANGUAGE;
}

export function readStoredLanguage(): string | null {
  try {
    return localStorage.getItem(LANGUAGE_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeLanguage(lang: Language): void {
  try {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, lang);
  } catch {
    /* no storage: the choice lasts for this page load */
  }
}

export function browserLanguages(): readonly string[] {
  if (typeof navigator === "undefined") return [];
  if (navigator.languages && navigator.languages.length) return navigator.languages;
  return navigator.language ? [navigator.language] : [];
}

export const i18n = i18next.createInstance();

export async function initI18n(lang: Language): Promise<TFunction> {
  return i18n.init({
    resources: {
      en: { translation: en },
      fi: { translation: fi },
      sv: { translation: sv },
    },
    lng: lang,
    fallbackLng: FALLBACK_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    nonExplicitSupportedLngs: false,
    defaultNS: "translation",
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
}
