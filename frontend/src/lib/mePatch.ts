/** Building the PATCH /api/me body from the details form. */
import { EDITABLE_ME_FIELDS, type EditableMeField, type Me, type MePatch } from "../api/types";
import { compact } from "./validate";

export type DetailValues = Record<EditableMeField, string>;

export const REQUIRED_ME_FIELDS: readonly EditableMeField[] = ["email", "first_name", "last_name"];

export function valuesOf(me: Me): DetailValues {
  const values = {} as DetailValues;
  for (const field of EDITABLE_ME_FIELDS) values[field] = me[field] ?? "";
  return values;
}

/** What the server gets for a field: trimmed, phone/IBAN without spaces, codes upper-case. */
export function normaliseValue(field: EditableMeField, raw: string): string {
  const value = raw.trim();
  if (field === "phone") return compact(value);
  if (field === "iban") return value.replace(/\s/g, "").toUpperCase();
  if (field === "country") return value.toUpperCase();
  return value;
}

/** Only the fields that changed; a cleared optional field is sent as null. */
export function diffPatch(me: Me, values: DetailValues): MePatch {
  const patch: MePatch = {};
  for (const field of EDITABLE_ME_FIELDS) {
    const next = normaliseValue(field, values[field]);
    const current = me[field] ?? "";
    if (next !== current) patch[field] = next === "" && !REQUIRED_ME_FIELDS.includes(field) ? null : next;
  }
  return patch;
}
