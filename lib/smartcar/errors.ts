import { z } from "zod";
import { describeSmartcarError, type ResolutionType, type SmartcarErrorCatalogEntry } from "./error-catalog";

/**
 * Every non-2xx answer from Smartcar (or the emulator), and every failure to get one, becomes a
 * `SmartcarError`. Bodies come in several documented shapes (contract §4.1, §2.1, §3.3): the v2 error
 * body, an OAuth `{error, error_description}`, JSON:API `{errors: [...]}`, or plain text.
 */

export interface SmartcarResolution {
  type: ResolutionType | (string & {}) | null;
  url: string | null;
}

export interface SmartcarErrorInit {
  type: string;
  code: string | null;
  statusCode: number;
  description: string;
  requestId?: string | null;
  resolution?: SmartcarResolution | null;
  suggestedUserMessage?: string | null;
  docURL?: string | null;
  retryAfter?: number | null;
  detail?: unknown[] | null;
  cause?: unknown;
}

export class SmartcarError extends Error {
  readonly type: string;
  readonly code: string | null;
  readonly statusCode: number;
  readonly description: string;
  readonly requestId: string | null;
  readonly resolution: SmartcarResolution;
  readonly suggestedUserMessage: string | null;
  readonly docURL: string | null;
  /** Seconds to wait before retrying, from the `retry-after` header. */
  readonly retryAfter: number | null;
  readonly detail: unknown[] | null;

  constructor(init: SmartcarErrorInit) {
    super(`${init.type}:${init.code ?? "null"} - ${init.description}`, { cause: init.cause });
    this.name = "SmartcarError";
    this.type = init.type;
    this.code = init.code;
    this.statusCode = init.statusCode;
    this.description = init.description;
    this.requestId = init.requestId ?? null;
    this.resolution = init.resolution ?? { type: this.catalogEntry().defaultResolution, url: null };
    this.suggestedUserMessage = init.suggestedUserMessage ?? null;
    this.docURL = init.docURL ?? null;
    this.retryAfter = init.retryAfter ?? null;
    this.detail = init.detail ?? null;
  }

  catalogEntry(): SmartcarErrorCatalogEntry {
    return describeSmartcarError(this.type, this.code, this.statusCode);
  }

  /** The owner has to go through Connect again before requests for this vehicle can work. */
  needsReauthentication(): boolean {
    return this.resolution.type === "REAUTHENTICATE" || this.catalogEntry().defaultResolution === "REAUTHENTICATE";
  }

  /** Repeating the same request later, unchanged, may succeed. */
  isRetryable(): boolean {
    if (this.type === "CLIENT") return false;
    if (this.resolution.type === "RETRY_LATER") return true;
    return this.catalogEntry().retryable;
  }

  toJSON(): Record<string, unknown> {
    return {
      type: this.type,
      code: this.code,
      statusCode: this.statusCode,
      description: this.description,
      requestId: this.requestId,
      resolution: this.resolution,
      suggestedUserMessage: this.suggestedUserMessage,
      docURL: this.docURL,
      retryAfter: this.retryAfter,
    };
  }
}

export function isSmartcarError(error: unknown): error is SmartcarError {
  return error instanceof SmartcarError;
}

const nullableString = z.string().nullish().catch(null);

const resolutionSchema = z
  .union([
    z.string().transform((type) => ({ type, url: null })),
    z.object({ type: z.string().nullish(), url: z.string().nullish() }).transform((value) => ({ type: value.type ?? null, url: value.url ?? null })),
    z.null(),
  ])
  .optional()
  .catch(undefined);

const v2ErrorBody = z.object({
  type: z.string(),
  code: nullableString,
  description: nullableString,
  docURL: nullableString,
  statusCode: z.number().optional().catch(undefined),
  requestId: nullableString,
  resolution: resolutionSchema,
  suggestedUserMessage: nullableString,
  detail: z.array(z.unknown()).nullish().catch(null),
});

const oauthErrorBody = z.object({
  error: z.string(),
  error_description: nullableString,
  message: nullableString,
});

const jsonApiErrorBody = z.object({
  errors: z
    .array(
      z.object({
        status: z.union([z.string(), z.number()]).optional(),
        type: z.string().optional(),
        code: nullableString,
        title: nullableString,
        detail: nullableString,
        links: z.object({ about: nullableString }).partial().nullish(),
        meta: z.object({ requestId: nullableString }).partial().nullish(),
        resolution: resolutionSchema,
        suggestedUserMessage: nullableString,
      }),
    )
    .min(1),
});

const messageBody = z.object({ message: z.string() });

/** Smartcar's documented type for an HTTP status, used when a body does not name one. */
export function typeForStatus(status: number): string {
  switch (status) {
    case 400:
      return "VALIDATION";
    case 401:
      return "AUTHENTICATION";
    case 403:
      return "PERMISSION";
    case 404:
      return "RESOURCE_NOT_FOUND";
    case 409:
      return "VEHICLE_STATE";
    case 429:
      return "RATE_LIMIT";
    case 430:
      return "BILLING";
    case 501:
      return "COMPATIBILITY";
    case 502:
    case 503:
    case 504:
      return "UPSTREAM";
    default:
      return status >= 500 ? "SERVER" : "VALIDATION";
  }
}

/** JSON:API's generic codes say no more than the status does. */
const GENERIC_JSON_API_CODES = new Set(["bad_request", "unauthorized", "forbidden", "not_found", "internal_error", "too_many_requests", "conflict"]);

/** `retry-after` is seconds, or an HTTP date. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a non-2xx response (status, headers, raw body text) into a SmartcarError. */
export function parseSmartcarError(status: number, headers: Headers, bodyText: string): SmartcarError {
  const headerRequestId = headers.get("sc-request-id");
  const retryAfter = parseRetryAfter(headers.get("retry-after"));
  const json = parseJson(bodyText);
  const fallbackType = typeForStatus(status);

  const v2 = v2ErrorBody.safeParse(json);
  if (v2.success) {
    const body = v2.data;
    return new SmartcarError({
      type: body.type,
      code: body.code ?? null,
      statusCode: status,
      description: body.description ?? describeSmartcarError(body.type, body.code).meaning,
      requestId: body.requestId ?? headerRequestId,
      resolution: body.resolution ?? undefined,
      suggestedUserMessage: body.suggestedUserMessage,
      docURL: body.docURL,
      retryAfter,
      detail: body.detail,
    });
  }

  const jsonApi = jsonApiErrorBody.safeParse(json);
  if (jsonApi.success) {
    const first = jsonApi.data.errors[0]!;
    let type = first.type ?? fallbackType;
    let code = first.code ?? null;
    if (code && code.includes(":")) {
      // Some v3 errors carry the v2 pair in one field, e.g. "VEHICLE_STATE:ASLEEP".
      const [pairType, pairCode] = code.split(":", 2) as [string, string];
      type = pairType;
      code = pairCode === "null" || pairCode === "" ? null : pairCode;
    } else if (code && GENERIC_JSON_API_CODES.has(code)) {
      code = null;
    }
    return new SmartcarError({
      type,
      code,
      statusCode: status,
      description: first.detail ?? first.title ?? `HTTP ${status}`,
      requestId: first.meta?.requestId ?? headerRequestId,
      resolution: first.resolution ?? undefined,
      suggestedUserMessage: first.suggestedUserMessage,
      docURL: first.links?.about ?? null,
      retryAfter,
    });
  }

  const oauth = oauthErrorBody.safeParse(json);
  if (oauth.success) {
    return new SmartcarError({
      type: "OAUTH",
      code: oauth.data.error,
      statusCode: status,
      description: oauth.data.error_description ?? oauth.data.message ?? oauth.data.error,
      requestId: headerRequestId,
      retryAfter,
    });
  }

  const message = messageBody.safeParse(json);
  const text = message.success ? message.data.message : bodyText.trim().slice(0, 300);
  return new SmartcarError({
    type: fallbackType,
    code: null,
    statusCode: status,
    description: text || `HTTP ${status}`,
    requestId: headerRequestId,
    retryAfter,
  });
}
