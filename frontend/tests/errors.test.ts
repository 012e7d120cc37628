import { describe, expect, it } from "vitest";
import {
  ApiError,
  errorMessage,
  errorTextKey,
  networkError,
  normalisePath,
  splitFieldErrors,
  toApiError,
} from "../src/api/errors";
import { alertText } from "../src/lib/forms";

const translate = (key: string) => `T(${key})`;

describe("toApiError", () => {
  it("reads the contract's error body", () => {
    const error = toApiError(400, {
      error: { code: "invalid_input", message: "Check the fields", fields: [{ path: "phone", message: "not E.164" }] },
    });
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(400);
    expect(error.code).toBe("invalid_input");
    expect(error.message).toBe("Check the fields");
    expect(error.fields).toEqual([{ path: "phone", message: "not E.164" }]);
  });

  it("survives bodies that are not the contract's shape", () => {
    for (const body of [null, "<html>", 42, [], { error: "nope" }, { detail: "x" }]) {
      const error = toApiError(502, body);
      expect(error.status).toBe(502);
      expect(error.code).toBe("http_502");
      expect(error.message).toBe("");
      expect(error.fields).toEqual([]);
    }
  });

  it("drops malformed field entries and defaults a missing message", () => {
    const error = toApiError(400, { error: { code: "x", message: "m", fields: [{ path: "a" }, { message: "no path" }, "str"] } });
    expect(error.fields).toEqual([{ path: "a", message: "" }]);
  });
});

describe("field mapping", () => {
  it("normalises JSON pointer and body-prefixed paths", () => {
    expect(normalisePath("/phone")).toBe("phone");
    expect(normalisePath("body.email")).toBe("email");
    expect(normalisePath("/address/city")).toBe("address.city");
    expect(normalisePath("first_name")).toBe("first_name");
  });

  it("splits problems into known fields and the rest, joining repeats", () => {
    const error = new ApiError(400, "invalid_input", "bad", [
      { path: "email", message: "is required" },
      { path: "email", message: "must be an address" },
      { path: "/phone", message: "not E.164" },
      { path: "unknown_thing", message: "is not a known field" },
    ]);
    const split = splitFieldErrors(error, ["email", "phone"]);
    expect(split.byField).toEqual({ email: "is required must be an address", phone: "not E.164" });
    expect(split.other).toEqual([{ path: "unknown_thing", message: "is not a known field" }]);
  });
});

describe("error messages", () => {
  it("prefers the server's message", () => {
    expect(errorMessage(new ApiError(409, "already_decided", "Already decided by someone else"), translate)).toBe(
      "Already decided by someone else",
    );
  });

  it("falls back to a translated text by status", () => {
    expect(errorMessage(new ApiError(429, "http_429", ""), translate)).toBe("T(errors.tooManyRequests)");
    expect(errorMessage(networkError(new TypeError("Failed to fetch")), translate)).toBe("T(errors.network)");
    expect(errorMessage(new Error("boom"), translate)).toBe("T(errors.generic)");
  });

  it("maps every contract status to its own text", () => {
    expect(errorTextKey(0)).toBe("errors.network");
    expect(errorTextKey(400)).toBe("errors.badRequest");
    expect(errorTextKey(401)).toBe("errors.unauthorized");
    expect(errorTextKey(403)).toBe("errors.forbidden");
    expect(errorTextKey(404)).toBe("errors.notFound");
    expect(errorTextKey(409)).toBe("errors.conflict");
    expect(errorTextKey(429)).toBe("errors.tooManyRequests");
    expect(errorTextKey(503)).toBe("errors.unavailable");
    expect(errorTextKey(500)).toBe("errors.generic");
  });

  it("builds a form alert: field errors without a message ask to check the fields; unknown paths are listed", () => {
    const t = ((key: string) => `T(${key})`) as never;
    const silent = new ApiError(400, "invalid_input", "");
    expect(alertText(silent, t, true, [])).toBe("T(errors.checkFields)");
    const loud = new ApiError(400, "invalid_input", "Invalid input");
    expect(alertText(loud, t, true, [{ path: "x", message: "is not a known field" }])).toBe(
      "Invalid input x: is not a known field",
    );
  });
});
