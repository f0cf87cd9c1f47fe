import { z } from "zod";
import { AUDIT_ACTION_NAMES } from "./actions";

/** The audit log's query string, shared by the page and the CSV export. Pure. */

const text = z
  .string()
  .trim()
  .max(200, "Keep it under 200 characters.")
  .optional()
  .transform((value) => (value ? value : undefined));

/** A real calendar day written YYYY-MM-DD (Date.parse alone accepts 2026-02-30). */
export function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const day = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine((value) => value === undefined || isCalendarDay(value), "Use a date like 2026-11-30.");

/** An action name, or a family such as `command.` (every command action). */
const actionFilter = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .refine(
    (value) => value === undefined || AUDIT_ACTION_NAMES.includes(value as never) || AUDIT_ACTION_NAMES.some((name) => value.endsWith(".") && name.startsWith(value)),
    "Unknown action.",
  );

export const auditFiltersSchema = z
  .object({
    actor: text,
    action: actionFilter,
    target: text,
    vehicle: z.uuid("Not a vehicle id.").optional(),
    outcome: z.enum(["success", "failure", "denied"], { error: "Outcome is success, failure or denied." }).optional(),
    from: day,
    to: day,
    page: z.coerce.number({ error: "Page is a number." }).int().min(1).max(100_000).default(1),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, { message: "The start date is after the end date.", path: ["from"] });

export type AuditFilters = z.infer<typeof auditFiltersSchema>;

function entries(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries(params);
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

export function parseAuditFilters(params: URLSearchParams | Record<string, string | string[] | undefined>) {
  const raw = entries(params);
  for (const key of Object.keys(raw)) if (raw[key] === "") delete raw[key];
  return auditFiltersSchema.safeParse(raw);
}

export function auditFiltersQuery(filters: Partial<AuditFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value === undefined || value === "" || (key === "page" && value === 1)) continue;
    params.set(key, String(value));
  }
  return params.toString();
}
