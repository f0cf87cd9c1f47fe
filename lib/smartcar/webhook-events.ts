import { z } from "zod";
import type { NormalizedSignal, SmartcarErrorDetail } from "./types";

/**
 * Zod schemas for Smartcar webhook payloads (v4.0, contract §5.4–5.6) and their normalisation into
 * one typed event. Smartcar's own pages disagree on several shapes (contract §5.5 CONFLICT table),
 * so the parser accepts every documented variant: triggers at the top level or under `data`, as
 * `{code,name,group}`, `{type, signal}` or plain strings; signals as a list or an object keyed by
 * `Group.Name`; `meta` at the top level or under `data`; times as epoch milliseconds or ISO strings.
 */

const timestamp = z.union([z.number().finite(), z.string().min(1)]).nullish();

function toDate(value: number | string | null | undefined): Date | null {
  if (value === null || value === undefined) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

const metaSchema = z
  .object({
    version: z.string().optional(),
    webhookId: z.string().optional(),
    webhookName: z.string().optional(),
    deliveryId: z.string().optional(),
    deliveredAt: timestamp,
    deliveryTimestamp: timestamp,
    mode: z.string().optional(),
    signalCount: z.number().optional(),
  })
  .loose();

const envelopeSchema = z
  .object({
    eventId: z.string().min(1).max(200),
    eventType: z.string().min(1).max(100),
    vehicleId: z.string().min(1).max(200).optional(),
    data: z.record(z.string(), z.unknown()),
    meta: metaSchema.optional(),
    triggers: z.array(z.unknown()).optional(),
  })
  .loose();

const signalIdentity = { code: z.string().min(1), name: z.string().optional(), group: z.string().optional() };

const signalErrorSchema = z
  .object({
    type: z.string(),
    code: z.string().nullish(),
    description: z.string().nullish(),
    resolution: z.object({ type: z.string().nullish(), url: z.string().nullish() }).loose().nullish(),
  })
  .loose();

const signalMetaSchema = z
  .object({ oemUpdatedAt: timestamp, fetchedAt: timestamp, retrievedAt: timestamp })
  .loose();

const signalSchema = z
  .object({
    ...signalIdentity,
    body: z.unknown().optional(),
    status: z
      .object({ value: z.string(), error: signalErrorSchema.nullish() })
      .loose()
      .optional(),
    meta: signalMetaSchema.optional(),
  })
  .loose();

/** The delivery-behavior page's variant: `{"TractionBattery.StateOfCharge": {value, unit, meta?}}`. */
const keyedSignalsSchema = z.record(z.string().regex(/^[A-Za-z]+\.[A-Za-z]+$/), z.record(z.string(), z.unknown()));

const triggerSchema = z.union([
  z.string().min(1),
  z.object({ ...signalIdentity }).loose(),
  z.object({ type: z.string(), signal: z.object({ ...signalIdentity }).loose().optional() }).loose(),
]);

const userSchema = z.object({ id: z.string().min(1) }).loose();
const vehicleSchema = z
  .object({
    id: z.string().optional(),
    make: z.string().optional(),
    model: z.string().optional(),
    year: z.number().int().optional(),
    vin: z.string().optional(),
    mode: z.string().optional(),
    powertrainType: z.string().optional(),
  })
  .loose();

const vehicleStateDataSchema = z
  .object({
    user: userSchema.optional(),
    vehicle: vehicleSchema.optional(),
    triggers: z.array(triggerSchema).optional(),
    signals: z.union([z.array(signalSchema), keyedSignalsSchema]),
    meta: metaSchema.optional(),
  })
  .loose();

const vehicleErrorItemSchema = z
  .object({
    type: z.string().min(1),
    code: z.string().nullish(),
    state: z.enum(["ERROR", "RESOLVED"]).optional(),
    description: z.string().nullish(),
    suggestedUserMessage: z.string().nullish(),
    docURL: z.string().nullish(),
    statusCode: z.number().int().nullish(),
    resolution: z.object({ type: z.string().nullish(), url: z.string().nullish() }).loose().nullish(),
    signals: z.array(z.object({ ...signalIdentity }).loose()).optional(),
  })
  .loose();

const vehicleErrorDataSchema = z
  .object({
    user: userSchema.optional(),
    vehicle: vehicleSchema.optional(),
    errors: z.array(vehicleErrorItemSchema).min(1),
    meta: metaSchema.optional(),
  })
  .loose();

const verifyDataSchema = z.object({ challenge: z.string().min(1).max(1024) }).loose();

export interface WebhookEventMeta {
  webhookId: string | null;
  webhookName: string | null;
  deliveryId: string | null;
  deliveredAt: Date | null;
  mode: string | null;
  version: string | null;
}

export interface WebhookVehicleInfo {
  make: string | null;
  model: string | null;
  year: number | null;
  /** Only some payloads carry it (the migration guide's example does). */
  vin: string | null;
}

export interface VehicleErrorItem {
  type: string;
  code: string | null;
  state: "ERROR" | "RESOLVED";
  description: string | null;
  suggestedUserMessage: string | null;
  docUrl: string | null;
  statusCode: number | null;
  resolution: { type: string | null; url: string | null } | null;
  signalCodes: string[];
}

interface EventBase {
  eventId: string;
  meta: WebhookEventMeta;
}

export type WebhookEvent =
  | (EventBase & { eventType: "VERIFY"; challenge: string })
  | (EventBase & {
      eventType: "VEHICLE_STATE";
      smartcarVehicleId: string;
      smartcarUserId: string | null;
      vehicle: WebhookVehicleInfo;
      triggers: string[];
      signals: NormalizedSignal[];
    })
  | (EventBase & {
      eventType: "VEHICLE_ERROR";
      smartcarVehicleId: string;
      smartcarUserId: string | null;
      vehicle: WebhookVehicleInfo;
      errors: VehicleErrorItem[];
    })
  | (EventBase & { eventType: "UNHANDLED"; originalEventType: string; smartcarVehicleId: string | null; smartcarUserId: string | null });

export type WebhookParseResult = { ok: true; event: WebhookEvent } | { ok: false; reason: "malformed_json" | "invalid_shape"; detail: string };

function normaliseMeta(meta: z.infer<typeof metaSchema> | undefined): WebhookEventMeta {
  return {
    webhookId: meta?.webhookId ?? null,
    webhookName: meta?.webhookName ?? null,
    deliveryId: meta?.deliveryId ?? null,
    deliveredAt: toDate(meta?.deliveredAt ?? meta?.deliveryTimestamp),
    mode: meta?.mode ?? null,
    version: meta?.version ?? null,
  };
}

function vehicleInfo(vehicle: z.infer<typeof vehicleSchema> | undefined): WebhookVehicleInfo {
  const vin = vehicle?.vin?.trim().toUpperCase();
  return { make: vehicle?.make ?? null, model: vehicle?.model ?? null, year: vehicle?.year ?? null, vin: vin && /^[A-Z0-9]{11,17}$/.test(vin) ? vin : null };
}

/** `TractionBattery.StateOfCharge` → `tractionbattery-stateofcharge` (contract §9). */
export function signalCodeFromDotted(dotted: string): string {
  return dotted.toLowerCase().replace(".", "-");
}

function errorDetail(error: z.infer<typeof signalErrorSchema> | null | undefined): SmartcarErrorDetail | null {
  if (!error) return null;
  return {
    type: error.type,
    code: error.code ?? null,
    description: error.description ?? null,
    resolution: error.resolution ? { type: error.resolution.type ?? null, url: error.resolution.url ?? null } : null,
  };
}

function signalStatus(signal: z.infer<typeof signalSchema>): NormalizedSignal["status"] {
  const value = signal.status?.value?.toUpperCase();
  if (value === "ERROR") return "ERROR";
  if (value === "UNAVAILABLE") return "UNAVAILABLE";
  if (value === undefined && signal.body === undefined) return "UNAVAILABLE";
  return "SUCCESS";
}

function normaliseListedSignal(signal: z.infer<typeof signalSchema>): NormalizedSignal {
  const status = signalStatus(signal);
  return {
    code: signal.code,
    name: signal.name ?? signal.code,
    group: signal.group ?? signal.code.split("-")[0] ?? "",
    status,
    body: status === "SUCCESS" ? (signal.body ?? null) : null,
    error: errorDetail(signal.status?.error),
    oemUpdatedAt: toDate(signal.meta?.oemUpdatedAt),
    retrievedAt: toDate(signal.meta?.retrievedAt ?? signal.meta?.fetchedAt),
  };
}

function normaliseKeyedSignal(dotted: string, value: Record<string, unknown>): NormalizedSignal {
  const [group = "", name = ""] = dotted.split(".");
  const { meta, ...body } = value;
  const parsedMeta = signalMetaSchema.safeParse(meta ?? {});
  const signalMeta = parsedMeta.success ? parsedMeta.data : {};
  return {
    code: signalCodeFromDotted(dotted),
    name,
    group,
    status: "SUCCESS",
    body,
    error: null,
    oemUpdatedAt: toDate(signalMeta.oemUpdatedAt),
    retrievedAt: toDate(signalMeta.retrievedAt ?? signalMeta.fetchedAt),
  };
}

function triggerCode(trigger: z.infer<typeof triggerSchema>): string {
  if (typeof trigger === "string") return trigger.includes(".") ? signalCodeFromDotted(trigger) : trigger;
  const item = trigger as { code?: unknown; type?: unknown; signal?: { code: string } };
  if (typeof item.code === "string") return item.code;
  if (item.signal) return item.signal.code;
  return typeof item.type === "string" ? item.type : "UNKNOWN";
}

function shapeError(eventType: string, error: z.ZodError): WebhookParseResult {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "data";
  return { ok: false, reason: "invalid_shape", detail: `${eventType}: ${where}: ${issue?.message ?? "invalid"}` };
}

/** Validates an already-parsed JSON value. Unknown event types pass as `UNHANDLED` if the envelope is sound. */
export function parseWebhookEvent(json: unknown): WebhookParseResult {
  const envelope = envelopeSchema.safeParse(json);
  if (!envelope.success) return shapeError("envelope", envelope.error);
  const { eventId, eventType, data } = envelope.data;
  const vehicleIdFromData = (data.vehicle as { id?: unknown } | undefined)?.id;
  const smartcarVehicleId = envelope.data.vehicleId ?? (typeof vehicleIdFromData === "string" ? vehicleIdFromData : null);
  const userIdFromData = (data.user as { id?: unknown } | undefined)?.id;

  switch (eventType) {
    case "VERIFY": {
      const parsed = verifyDataSchema.safeParse(data);
      if (!parsed.success) return shapeError(eventType, parsed.error);
      return { ok: true, event: { eventType, eventId, challenge: parsed.data.challenge, meta: normaliseMeta(envelope.data.meta) } };
    }
    case "VEHICLE_STATE": {
      const parsed = vehicleStateDataSchema.safeParse(data);
      if (!parsed.success) return shapeError(eventType, parsed.error);
      if (!smartcarVehicleId) return { ok: false, reason: "invalid_shape", detail: "VEHICLE_STATE: vehicleId missing" };
      const { signals } = parsed.data;
      const triggers = parsed.data.triggers ?? triggerSchema.array().safeParse(envelope.data.triggers ?? []).data ?? [];
      return {
        ok: true,
        event: {
          eventType,
          eventId,
          smartcarVehicleId,
          smartcarUserId: parsed.data.user?.id ?? null,
          vehicle: vehicleInfo(parsed.data.vehicle),
          triggers: triggers.map(triggerCode),
          signals: Array.isArray(signals)
            ? signals.map(normaliseListedSignal)
            : Object.entries(signals).map(([dotted, value]) => normaliseKeyedSignal(dotted, value)),
          meta: normaliseMeta(envelope.data.meta ?? parsed.data.meta),
        },
      };
    }
    case "VEHICLE_ERROR": {
      const parsed = vehicleErrorDataSchema.safeParse(data);
      if (!parsed.success) return shapeError(eventType, parsed.error);
      if (!smartcarVehicleId) return { ok: false, reason: "invalid_shape", detail: "VEHICLE_ERROR: vehicleId missing" };
      return {
        ok: true,
        event: {
          eventType,
          eventId,
          smartcarVehicleId,
          smartcarUserId: parsed.data.user?.id ?? null,
          vehicle: vehicleInfo(parsed.data.vehicle),
          errors: parsed.data.errors.map((error) => ({
            type: error.type,
            code: error.code ?? null,
            state: error.state ?? "ERROR",
            description: error.description ?? null,
            suggestedUserMessage: error.suggestedUserMessage ?? null,
            docUrl: error.docURL ?? null,
            statusCode: error.statusCode ?? null,
            resolution: error.resolution ? { type: error.resolution.type ?? null, url: error.resolution.url ?? null } : null,
            signalCodes: (error.signals ?? []).map((signal) => signal.code),
          })),
          meta: normaliseMeta(envelope.data.meta ?? parsed.data.meta),
        },
      };
    }
    default:
      return {
        ok: true,
        event: {
          eventType: "UNHANDLED",
          originalEventType: eventType,
          eventId,
          smartcarVehicleId,
          smartcarUserId: typeof userIdFromData === "string" ? userIdFromData : null,
          meta: normaliseMeta(envelope.data.meta),
        },
      };
  }
}

/** Parses raw JSON text; a syntax error is `malformed_json`, a wrong structure `invalid_shape`. */
export function parseWebhookBody(rawBody: string): WebhookParseResult {
  let json: unknown;
  try {
    json = JSON.parse(rawBody);
  } catch (error) {
    return { ok: false, reason: "malformed_json", detail: error instanceof Error ? error.message : "invalid JSON" };
  }
  return parseWebhookEvent(json);
}
