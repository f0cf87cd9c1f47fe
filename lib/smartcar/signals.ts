import { z } from "zod";
import type { NormalizedSignal, SmartcarErrorDetail } from "./types";

/**
 * Signal parsing (contract §3.3, §5.5, §9). REST signals are JSON:API resources
 * (`attributes.code/name/group/status/body`, resource `meta`), webhook signals are flat objects; both
 * become `NormalizedSignal`. Unknown codes and body shapes are kept as they are: only the envelope is
 * validated, never the body, because units and body shapes differ between doc versions.
 */

/** Epoch ms, epoch seconds (the OpenAPI example's 10-digit values) or an ISO string. */
export function parseSignalTime(value: unknown): Date | null {
  if (typeof value === "number" && Number.isFinite(value)) {
    return new Date(value < 100_000_000_000 ? value * 1000 : value);
  }
  if (typeof value === "string" && value !== "") {
    if (/^\d+$/.test(value)) return parseSignalTime(Number(value));
    const at = Date.parse(value);
    return Number.isNaN(at) ? null : new Date(at);
  }
  return null;
}

const signalErrorSchema = z
  .object({
    type: z.string(),
    code: z.string().nullish(),
    description: z.string().nullish(),
    resolution: z
      .union([z.string().transform((type) => ({ type, url: null })), z.object({ type: z.string().nullish(), url: z.string().nullish() })])
      .nullish(),
  })
  .transform(
    (value): SmartcarErrorDetail => ({
      type: value.type,
      code: value.code ?? null,
      description: value.description ?? null,
      resolution: value.resolution ? { type: value.resolution.type ?? null, url: value.resolution.url ?? null } : null,
    }),
  );

const statusSchema = z
  .union([
    z.object({ value: z.string(), error: signalErrorSchema.nullish().catch(null) }),
    z.string().transform((value) => ({ value, error: null })),
  ])
  .nullish();

const signalMetaSchema = z
  .object({ oemUpdatedAt: z.unknown(), retrievedAt: z.unknown(), fetchedAt: z.unknown() })
  .partial()
  .nullish();

const signalCore = z.object({
  code: z.string().min(1),
  name: z.string().nullish(),
  group: z.string().nullish(),
  status: statusSchema,
  body: z.unknown().optional(),
});

/** A signal as the v3 REST API returns it. */
export const signalResourceSchema = z.object({
  id: z.string().optional(),
  type: z.string().optional(),
  attributes: signalCore,
  meta: signalMetaSchema,
});

/** A signal as a webhook (or an older REST shape) carries it: the same fields, flat. */
export const flatSignalSchema = signalCore.extend({ meta: signalMetaSchema });

export type SignalResource = z.infer<typeof signalResourceSchema>;
export type FlatSignal = z.infer<typeof flatSignalSchema>;

const KNOWN_STATUSES = new Set(["SUCCESS", "ERROR", "UNAVAILABLE"]);

/** `tractionbattery-stateofcharge` → group/name guesses when a payload leaves them out. */
function splitCode(code: string): { group: string; name: string } {
  const dash = code.indexOf("-");
  return dash === -1 ? { group: "", name: code } : { group: code.slice(0, dash), name: code.slice(dash + 1) };
}

export function normalizeSignal(input: SignalResource | FlatSignal): NormalizedSignal {
  const core = "attributes" in input ? input.attributes : input;
  const meta = input.meta ?? {};
  const fallback = splitCode(core.code);
  const error = core.status?.error ?? null;
  const rawStatus = core.status?.value?.toUpperCase();
  const status: NormalizedSignal["status"] =
    rawStatus && KNOWN_STATUSES.has(rawStatus) ? (rawStatus as NormalizedSignal["status"]) : error ? "ERROR" : core.body === undefined ? "UNAVAILABLE" : "SUCCESS";
  return {
    code: core.code,
    name: core.name ?? fallback.name,
    group: core.group ?? fallback.group,
    status,
    body: core.body ?? null,
    error,
    oemUpdatedAt: parseSignalTime(meta.oemUpdatedAt),
    // `retrievedAt` on REST, `fetchedAt` on webhooks (contract §5.5 CONFLICT).
    retrievedAt: parseSignalTime(meta.retrievedAt ?? meta.fetchedAt),
  };
}

/** Unit spellings differ between doc versions (contract §9); this maps them to one display form. */
const UNIT_ALIASES: Record<string, string> = {
  ampere: "A",
  amperes: "A",
  amps: "A",
  volts: "V",
  volt: "V",
  watts: "W",
  watt: "W",
  kilowatts: "kW",
  kwh: "kWh",
  kwhr: "kWh",
  kilowatt_hours: "kWh",
  "kilowatt-hours": "kWh",
  percent: "%",
  percentage: "%",
  kilometers: "km",
  km: "km",
  miles: "mi",
  "km/h": "km/h",
  kph: "km/h",
  miles_per_hour: "mph",
  mph: "mph",
  celsius: "°C",
  "degrees-celsius": "°C",
  fahrenheit: "°F",
  liters: "L",
  gallons: "gal",
  bar: "bar",
  kpa: "kPa",
  psi: "psi",
  seconds: "s",
  minutes: "min",
  hours: "h",
  degrees: "°",
  count: "",
};

export function canonicalUnit(unit: string | null | undefined): string | null {
  if (unit === null || unit === undefined) return null;
  return UNIT_ALIASES[unit.toLowerCase()] ?? unit;
}
