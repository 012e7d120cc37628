/**
 * Tracking codes as people type them (docs/elections-board.md): 20 characters of Crockford's
 * base32, the last an ISO 7064 check character (Mod 37,36 with the 32-letter alphabet), shown in
 * groups of four. Any case, spaces and dashes are accepted; O reads as 0, I and L as 1.
 */

export const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 20;

export type CodeCheck = { ok: true; code: string } | { ok: false; problem: "format" | "check" };

function checksum(text: string): number {
  const modulus = CODE_ALPHABET.length;
  let check = modulus / 2;
  for (const char of text) {
    check = ((((check || modulus) * 2) % (modulus + 1)) + CODE_ALPHABET.indexOf(char)) % modulus;
  }
  return check;
}

/** The check character that completes `body` (what python-stdnum's mod_37_36 computes). */
export function checkCharacter(body: string): string {
  const modulus = CODE_ALPHABET.length;
  return CODE_ALPHABET[(1 - (((checksum(body) || modulus) * 2) % (modulus + 1)) + modulus) % modulus]!;
}

export function groupCode(bare: string): string {
  return bare.match(/.{1,4}/g)?.join("-") ?? bare;
}

/** The code as the board shows it, or why it cannot be one. */
export function normaliseCode(text: string): CodeCheck {
  const bare = text
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (bare.length !== CODE_LENGTH || [...bare].some((c) => !CODE_ALPHABET.includes(c))) return { ok: false, problem: "format" };
  if (checksum(bare) !== 1) return { ok: false, problem: "check" };
  return { ok: true, code: groupCode(bare) };
}
