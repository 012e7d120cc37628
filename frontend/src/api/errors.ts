/**
 * The API's one error shape, and pure helpers that turn it into what a form shows.
 *
 * Every error answer is `{"error": {"code", "message", "fields": [{"path", "message"}]}}`.
 * A body that is not of that shape (a proxy's HTML page, an empty body) still becomes an
 * ApiError, with an empty message so the UI falls back to a translated text by status.
 */

export interface FieldProblem {
  path: string;
  message: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly fields: FieldProblem[];

  constructor(status: number, code: string, message: string, fields: FieldProblem[] = []) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.fields = fields;
  }
}

/** Status 0: the request never got an HTTP answer (offline, DNS, CORS, aborted). */
export const NETWORK_ERROR_STATUS = 0;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Builds an ApiError from an HTTP status and the parsed JSON body (or anything else). */
export function toApiError(status: number, body: unknown): ApiError {
  const error = isRecord(body) && isRecord(body.error) ? body.error : null;
  if (!error) {
    return new ApiError(status, `http_${status}`, "");
  }
  const code = typeof error.code === "string" && error.code ? error.code : `http_${status}`;
  const message = typeof error.message === "string" ? error.message : "";
  const fields: FieldProblem[] = [];
  if (Array.isArray(error.fields)) {
    for (const item of error.fields) {
      if (isRecord(item) && typeof item.path === "string") {
        fields.push({
          path: item.path,
          message: typeof item.message === "string" ? item.message : "",
        });
      }
    }
  }
  return new ApiError(status, code, message, fields);
}

export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : "";
  return new ApiError(NETWORK_ERROR_STATUS, "network", detail);
}

/** Normalises a field path from the server ("/phone", "body.phone", "phone") to a form name. */
export function normalisePath(path: string): string {
  let p = path.trim();
  if (p.startsWith("/")) p = p.slice(1).replace(/\//g, ".");
  if (p.startsWith("body.")) p = p.slice("body.".length);
  return p;
}

export interface SplitErrors {
  /** Field name → message, for the fields this form shows. */
  byField: Record<string, string>;
  /** Problems whose path is not one of the form's fields: shown in the form's alert. */
  other: FieldProblem[];
}

/**
 * Splits an error's field problems into those the form can show next to an input
 * (path among `knownFields`) and the rest. Several problems on one field are joined.
 */
export function splitFieldErrors(error: ApiError, knownFields: readonly string[]): SplitErrors {
  const known = new Set(knownFields);
  const byField: Record<string, string> = {};
  const other: FieldProblem[] = [];
  for (const problem of error.fields) {
    const path = normalisePath(problem.path);
    if (known.has(path)) {
      byField[path] = byField[path] ? `${byField[path]} ${problem.message}` : problem.message;
    } else {
      other.push({ path, message: problem.message });
    }
  }
  return { byField, other };
}

/** Keys of the translated fallback text for an error without a usable server message. */
export type ErrorTextKey =
  | "errors.network"
  | "errors.badRequest"
  | "errors.unauthorized"
  | "errors.forbidden"
  | "errors.notFound"
  | "errors.conflict"
  | "errors.tooManyRequests"
  | "errors.unavailable"
  | "errors.generic";

export function errorTextKey(status: number): ErrorTextKey {
  switch (status) {
    case NETWORK_ERROR_STATUS:
      return "errors.network";
    case 400:
    case 422:
      return "errors.badRequest";
    case 401:
      return "errors.unauthorized";
    case 403:
      return "errors.forbidden";
    case 404:
      return "errors.notFound";
    case 409:
      return "errors.conflict";
    case 429:
      return "errors.tooManyRequests";
    case 502:
    case 503:
    case 504:
      return "errors.unavailable";
    default:
      return "errors.generic";
  }
}

/**
 * The sentence to show for an error: the server's message when it has one (the server
 * answers in the language of the request's Accept-Language), else a translated text.
 * Network errors always use the translated text: their detail is the browser's, in English.
 */
export function errorMessage(error: unknown, translate: (key: ErrorTextKey) => string): string {
  if (error instanceof ApiError) {
    if (error.status !== NETWORK_ERROR_STATUS && error.message.trim()) {
      return error.message;
    }
    return translate(errorTextKey(error.status));
  }
  return translate("errors.generic");
}
