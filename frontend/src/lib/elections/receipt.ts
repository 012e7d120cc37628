/**
 * The voter's receipt: made in the browser from what the page already holds and saved as a file.
 * It is never sent anywhere and never stored by the app: the code is the voter's alone.
 */
import { saveBlob } from "../downloads";

export interface Receipt {
  tracking_code: string;
  election_id: string;
  election: string;
  board_url: string;
  cast_on: string;
}

/** The board page of an election, with the code in the fragment (a fragment never reaches a server). */
export function boardUrl(origin: string, electionId: string, code?: string): string {
  const base = `${origin}/elections/${encodeURIComponent(electionId)}/board`;
  return code ? `${base}#code=${encodeURIComponent(code)}` : base;
}

/** The code from a board address's fragment ("#code=7K3M-…"), or "". */
export function codeFromHash(hash: string): string {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  return params.get("code") ?? "";
}

export function receiptText(receipt: Receipt, heading: string, lines: { code: string; election: string; board: string; day: string }): string {
  return [
    heading,
    "",
    `${lines.election}: ${receipt.election}`,
    `${lines.code}: ${receipt.tracking_code}`,
    `${lines.board}: ${receipt.board_url}`,
    `${lines.day}: ${receipt.cast_on}`,
    "",
    JSON.stringify(receipt, null, 2),
    "",
  ].join("\n");
}

export function receiptFilename(electionId: string): string {
  return `ballot-receipt-${electionId.slice(0, 12)}.txt`;
}

export function saveReceipt(text: string, filename: string): void {
  saveBlob(new Blob([text], { type: "text/plain;charset=utf-8" }), filename);
}
