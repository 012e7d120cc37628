import { describe, expect, it } from "vitest";
import { CATEGORIES, CONSEQUENCES, LANGUAGES, ROLES, STATUSES } from "../src/api/types";
import { en } from "../src/i18n/en";
import { fi } from "../src/i18n/fi";
import { sv } from "../src/i18n/sv";
import { detectLanguage, toLanguage } from "../src/i18n/index";

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const languages = { en, fi, sv } as unknown as Record<string, Tree>;
const flat = Object.fromEntries(Object.entries(languages).map(([lang, tree]) => [lang, flatten(tree)]));
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe("translations", () => {
  it("cover the same keys in fi, sv and en", () => {
    const reference = [...flat.en!.keys()].sort();
    expect(reference.length).toBeGreaterThan(100);
    for (const lang of LANGUAGES) {
      expect([...flat[lang]!.keys()].sort(), `keys of ${lang}`).toEqual(reference);
    }
  });

  it("have no empty texts", () => {
    for (const lang of LANGUAGES) {
      for (const [key, value] of flat[lang]!) expect(value.trim(), `${lang}:${key}`).not.toBe("");
    }
  });

  it("use the same placeholders in every language", () => {
    for (const [key, value] of flat.en!) {
      for (const lang of ["fi", "sv"]) {
        expect(placeholders(flat[lang]!.get(key)!), `${lang}:${key}`).toEqual(placeholders(value));
      }
    }
  });

  it("name every code the API can send", () => {
    for (const lang of LANGUAGES) {
      const keys = flat[lang]!;
      for (const c of CATEGORIES) expect(keys.has(`category.${c}`), `${lang} category.${c}`).toBe(true);
      for (const s of STATUSES) expect(keys.has(`status.${s}`), `${lang} status.${s}`).toBe(true);
      for (const r of ROLES) expect(keys.has(`role.${r}`), `${lang} role.${r}`).toBe(true);
      for (const c of CONSEQUENCES) expect(keys.has(`consequences.${c}`), `${lang} consequences.${c}`).toBe(true);
      for (const l of LANGUAGES) expect(keys.has(`languages.${l}`), `${lang} languages.${l}`).toBe(true);
    }
  });

  it("label the language switcher as the brief says", () => {
    expect(en.app.language).toBe("Language");
    expect(fi.app.language).toBe("Kieli");
    expect(sv.app.language).toBe("Språk");
    expect([en.languages.fi, en.languages.sv, en.languages.en]).toEqual(["Suomi", "Svenska", "English"]);
  });
});

describe("language detection", () => {
  it("prefers the stored choice, then the browser, then English", () => {
    expect(detectLanguage("sv", ["fi-FI"])).toBe("sv");
    expect(detectLanguage(null, ["de-DE", "fi-FI", "en"])).toBe("fi");
    expect(detectLanguage("xx", ["sv-FI"])).toBe("sv");
    expect(detectLanguage(null, ["de", "fr"])).toBe("en");
    expect(detectLanguage(null, [])).toBe("en");
  });

  it("reduces tags to the supported base language", () => {
    expect(toLanguage("FI")).toBe("fi");
    expect(toLanguage("en_GB")).toBe("en");
    expect(toLanguage("nb-NO")).toBe("sv");
    expect(toLanguage("de")).toBeNull();
    expect(toLanguage(undefined)).toBeNull();
  });
});
