/**
 * Files the API answers (exports, certificates, calendar entries): fetched with the bearer
 * token, then saved from a blob; a big export comes back as a short-lived link instead.
 */

/** The file name a Content-Disposition header gives (RFC 6266, `filename*` first), else `fallback`. */
export function filenameFromDisposition(header: string | null | undefined, fallback: string): string {
  if (!header) return fallback;
  const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
  if (extended) {
    try {
      return safeName(decodeURIComponent(extended[2]!.trim().replace(/^"|"$/g, "")), fallback);
    } catch {
      /* a bad escape: try the plain form */
    }
  }
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]+))/i.exec(header);
  if (plain) return safeName((plain[1] ?? plain[2] ?? "").replace(/\\(.)/g, "$1").trim(), fallback);
  return fallback;
}

/** Only a base name: a server (or proxy) never chooses the folder. */
function safeName(name: string, fallback: string): string {
  const base = name.split(/[/\\]/).pop()?.trim() ?? "";
  return base && base !== "." && base !== ".." ? base : fallback;
}

export type FileAnswer = { kind: "link"; url: string } | { kind: "file"; blob: Blob; filename: string };

/** A file answer, or the `{"url"}` of one too big to send inline (docs/events.md). */
export async function readFileAnswer(response: Response, fallbackName: string): Promise<FileAnswer> {
  const type = response.headers.get("Content-Type") ?? "";
  if (/^application\/json\b/i.test(type)) {
    const body = (await response.json()) as { url?: unknown };
    if (body && typeof body.url === "string" && /^https?:\/\//i.test(body.url)) return { kind: "link", url: body.url };
    throw new Error("a JSON answer without a link");
  }
  const blob = await response.blob();
  return { kind: "file", blob, filename: filenameFromDisposition(response.headers.get("Content-Disposition"), fallbackName) };
}

export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.rel = "noopener";
  document.body.appendChild(link);
  link.click();
  link.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Saves a file answer, or follows the link of a big one. */
export async function deliver(
  response: Response,
  fallbackName: string,
  go: (url: string) => void = (url) => window.location.assign(url),
): Promise<FileAnswer> {
  const answer = await readFileAnswer(response, fallbackName);
  if (answer.kind === "link") go(answer.url);
  else saveBlob(answer.blob, answer.filename);
  return answer;
}
