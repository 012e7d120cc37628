/** Texts given in several languages (event titles, descriptions, question titles). */
import type { Texts } from "../api/types";

/** The text in `lang`, else Finnish, else English, else Swedish, else "" (the server's order too). */
export function inLanguage(texts: Texts | null | undefined, lang: string): string {
  if (!texts) return "";
  const record = texts as Record<string, string | undefined>;
  for (const code of [lang, "fi", "en", "sv"]) {
    const text = record[code]?.trim();
    if (text) return text;
  }
  return "";
}
