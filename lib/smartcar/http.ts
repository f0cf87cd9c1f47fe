import "server-only";
import type { z } from "zod";
import type { SmartcarHosts } from "@/lib/config";
import { SmartcarError, parseSmartcarError } from "./errors";
import { backoffDelay, sleep, type BackoffOptions, type TokenBucket, type VehiclePacer } from "./limits";

/**
 * The one place an HTTP request to Smartcar is made: rate limit, per-vehicle pacing, timeout, retries
 * with backoff, the once-only retry after a 401, response validation and the request log line.
 */

export interface SmartcarLogger {
  debug(object: object, message?: string): void;
  info(object: object, message?: string): void;
  warn(object: object, message?: string): void;
}

export type RequestBody = { json: unknown } | { form: Record<string, string> };

export interface SmartcarRequest<T> {
  host: keyof SmartcarHosts;
  method: "GET" | "POST" | "PUT" | "DELETE";
  /** Path below the host, including the API version, e.g. `/v3/vehicles/abc`. */
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: RequestBody;
  headers?: Record<string, string>;
  /** Produces the Authorization header value for this attempt. */
  authorization?: () => Promise<string | null>;
  /**
   * Called once when Smartcar answers 401, with the Authorization value that was refused. Returning
   * true retries the request (e.g. after invalidating a cached token); it never counts as an attempt.
   */
  onUnauthorized?: (refusedAuthorization: string | null) => Promise<boolean>;
  /** Smartcar vehicle id, for per-vehicle pacing. */
  vehicleId?: string;
  /** Counts against the application's token bucket. */
  rateLimited: boolean;
  schema: z.ZodType<T>;
  /** Short name for logs, e.g. `v3.signals`. */
  operation: string;
}

export interface SmartcarResponse<T> {
  data: T;
  status: number;
  headers: Headers;
  requestId: string | null;
}

export interface HttpOptions {
  hosts: SmartcarHosts;
  fetch: typeof fetch;
  logger: SmartcarLogger;
  bucket: TokenBucket;
  pacer: VehiclePacer;
  timeoutMs: number;
  maxAttempts: number;
  backoff: BackoffOptions;
  /** Longest single wait (bucket, retry-after, backoff) the client accepts before giving up. */
  maxRetryWaitMs: number;
  random: () => number;
  userAgent: string;
}

const ID_SEGMENT_PARENTS = new Set(["vehicles", "connections", "users", "webhooks", "subscriptions"]);

/** Ids in paths identify people's cars and accounts: logs get `/v3/vehicles/:id/signals`. */
export function redactPath(path: string): string {
  const segments = path.split("?")[0]!.split("/");
  return segments.map((segment, index) => (index > 0 && ID_SEGMENT_PARENTS.has(segments[index - 1]!) && segment !== "" ? ":id" : segment)).join("/");
}

/** Automatic retries only for transient failures; VEHICLE_STATE errors wait for a person or a later run. */
function shouldRetryAutomatically(error: SmartcarError): boolean {
  return error.type !== "VEHICLE_STATE" && error.isRetryable();
}

export class SmartcarHttp {
  constructor(private readonly options: HttpOptions) {}

  buildUrl(host: keyof SmartcarHosts, path: string, query?: Record<string, string | number | undefined>): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined && value !== "") search.set(key, String(value));
    const text = search.toString();
    return `${this.options.hosts[host]}${path}${text ? `?${text}` : ""}`;
  }

  async request<T>(request: SmartcarRequest<T>): Promise<SmartcarResponse<T>> {
    const { options } = this;
    const url = this.buildUrl(request.host, request.path, request.query);
    const logPath = redactPath(request.path);
    let attempt = 0;
    let unauthorizedHandled = false;
    for (;;) {
      attempt += 1;
      if (request.rateLimited && !(await options.bucket.take(options.maxRetryWaitMs))) {
        throw new SmartcarError({
          type: "CLIENT",
          code: "RATE_LIMITED",
          statusCode: 0,
          description: "Held back: the application's request budget would be exceeded for longer than the client is willing to wait.",
        });
      }
      if (request.vehicleId) await options.pacer.wait(request.vehicleId);
      const authorization = request.authorization ? await request.authorization() : null;

      const startedAt = performance.now();
      const outcome = await this.send(url, request, authorization);
      const latencyMs = Math.round(performance.now() - startedAt);

      if (!(outcome instanceof SmartcarError) && outcome.response.ok) {
        const requestId = outcome.response.headers.get("sc-request-id");
        // Routine: every successful call at debug level; failures below are warnings.
        options.logger.debug(
          { smartcar: request.operation, method: request.method, path: logPath, status: outcome.response.status, latencyMs, attempt, requestId },
          "smartcar request",
        );
        return { data: this.validate(request, outcome.response, outcome.text, requestId), status: outcome.response.status, headers: outcome.response.headers, requestId };
      }

      const error = outcome instanceof SmartcarError ? outcome : parseSmartcarError(outcome.response.status, outcome.response.headers, outcome.text);
      options.logger.warn(
        {
          smartcar: request.operation,
          method: request.method,
          path: logPath,
          status: error.statusCode,
          latencyMs,
          attempt,
          requestId: error.requestId,
          error: { type: error.type, code: error.code, retryAfter: error.retryAfter },
        },
        "smartcar request failed",
      );

      if (error.statusCode === 401 && request.onUnauthorized && !unauthorizedHandled) {
        unauthorizedHandled = true;
        if (await request.onUnauthorized(authorization)) {
          attempt -= 1;
          continue;
        }
      }
      if (error.type === "RATE_LIMIT" && error.code === "VEHICLE" && request.vehicleId && error.retryAfter !== null) {
        options.pacer.block(request.vehicleId, error.retryAfter);
      }
      if (!shouldRetryAutomatically(error) || attempt >= options.maxAttempts) throw error;
      const delayMs = backoffDelay(attempt, options.backoff, error.retryAfter, options.random);
      if (delayMs > options.maxRetryWaitMs) throw error;
      options.logger.debug({ smartcar: request.operation, path: logPath, attempt, delayMs }, "smartcar retry scheduled");
      await sleep(delayMs);
    }
  }

  private async send(url: string, request: SmartcarRequest<unknown>, authorization: string | null): Promise<{ response: Response; text: string } | SmartcarError> {
    const headers: Record<string, string> = { accept: "application/json", "user-agent": this.options.userAgent, ...request.headers };
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (request.body && "json" in request.body) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.body.json);
    } else if (request.body) {
      headers["content-type"] = "application/x-www-form-urlencoded";
      body = new URLSearchParams(request.body.form).toString();
    }
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error("timeout")), this.options.timeoutMs);
    try {
      const response = await this.options.fetch(url, { method: request.method, headers, body, signal: controller.signal });
      const text = await response.text();
      return { response, text };
    } catch (cause) {
      const timedOut = controller.signal.aborted;
      return new SmartcarError({
        type: "NETWORK",
        code: timedOut ? "TIMEOUT" : null,
        statusCode: 0,
        description: timedOut ? `no answer within ${this.options.timeoutMs} ms` : `request failed: ${cause instanceof Error ? cause.message : String(cause)}`,
        cause,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  private validate<T>(request: SmartcarRequest<T>, response: Response, text: string, requestId: string | null): T {
    let json: unknown;
    try {
      json = text === "" ? undefined : JSON.parse(text);
    } catch {
      throw this.invalidResponse(request, response.status, requestId, "the body is not JSON");
    }
    const parsed = request.schema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw this.invalidResponse(request, response.status, requestId, `${issue?.path.join(".") || "body"}: ${issue?.message ?? "invalid"}`);
    }
    return parsed.data;
  }

  private invalidResponse(request: SmartcarRequest<unknown>, status: number, requestId: string | null, reason: string): SmartcarError {
    return new SmartcarError({
      type: "CLIENT",
      code: "INVALID_RESPONSE",
      statusCode: status,
      requestId,
      description: `unexpected ${request.operation} response (${reason})`,
    });
  }
}
