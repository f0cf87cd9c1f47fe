import { z } from "zod";
import type { ErrorCategory } from "./guidance";

/** Error-center query string: what the page, the CSV export and the API accept. Pure. */

export const ERROR_CATEGORIES = ["reconnect", "retry", "billing", "support", "at_the_car", "owner_account", "action_link", "other"] as const satisfies readonly ErrorCategory[];
export const ERROR_SORTS = ["last_seen", "first_seen", "vehicles", "occurrences", "type"] as const;

const optionalText = z
  .string()
  .trim()
  .max(100)
  .optional()
  .transform((value) => (value ? value : undefined));

export const errorFiltersSchema = z.object({
  state: z.enum(["open", "closed", "all"]).catch("open").default("open"),
  type: optionalText,
  code: optionalText,
  make: optionalText,
  source: z.enum(["webhook", "api"]).optional().catch(undefined),
  category: z.enum(ERROR_CATEGORIES).optional().catch(undefined),
  q: optionalText,
  sort: z.enum(ERROR_SORTS).catch("last_seen").default("last_seen"),
});

export type ErrorFilters = z.infer<typeof errorFiltersSchema>;

export function parseErrorFilters(params: URLSearchParams | Record<string, string | string[] | undefined>): ErrorFilters {
  const entries = params instanceof URLSearchParams ? Object.fromEntries(params) : Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  return errorFiltersSchema.parse(entries);
}

export function errorFiltersQuery(filters: Partial<ErrorFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "") params.set(key, String(value));
  return params.toString();
}
