/**
 * The vehicles list's state as it lives in the URL (`/vehicles?status=charging&sort=battery&page=2`)
 * and in the route handler's query string: one zod schema for both, shared by server and browser.
 */
import { z } from "zod";
import { VEHICLE_STATUSES } from "./vehicle-status";

export const VEHICLE_SORTS = ["name", "year", "lastSignal", "battery", "status"] as const;
export type VehicleSort = (typeof VEHICLE_SORTS)[number];

export const BATTERY_BANDS = ["0-20", "20-40", "40-60", "60-80", "80-100"] as const;
export type BatteryBand = (typeof BATTERY_BANDS)[number];

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
/** Deep offsets cost a scan each; nobody pages this far by hand, search narrows instead. */
export const MAX_PAGE = 10_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .transform((value) => (value === "" ? undefined : value))
    .optional();

export const vehicleListQuerySchema = z.object({
  q: optionalText(100),
  make: optionalText(60),
  status: z.enum(VEHICLE_STATUSES).optional(),
  battery: z.enum(BATTERY_BANDS).optional(),
  sort: z.enum(VEHICLE_SORTS).default("name"),
  dir: z.enum(["asc", "desc"]).optional(),
  page: z.coerce.number().int().min(1).max(MAX_PAGE).default(1),
  size: z.coerce
    .number()
    .int()
    .refine((size) => (PAGE_SIZES as readonly number[]).includes(size), { message: `size must be one of ${PAGE_SIZES.join(", ")}` })
    .default(DEFAULT_PAGE_SIZE),
});

export type VehicleListQuery = z.output<typeof vehicleListQuerySchema>;
type Field = keyof VehicleListQuery;

export const DEFAULT_VEHICLE_LIST_QUERY: VehicleListQuery = vehicleListQuerySchema.parse({});

/** Sorting by recency, battery or urgency starts with the most interesting rows. */
export function defaultSortDirection(sort: VehicleSort): "asc" | "desc" {
  return sort === "lastSignal" || sort === "year" ? "desc" : "asc";
}

export function sortDirection(query: Pick<VehicleListQuery, "sort" | "dir">): "asc" | "desc" {
  return query.dir ?? defaultSortDirection(query.sort);
}

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function rawValues(params: RawParams): Record<string, string | undefined> {
  if (params instanceof URLSearchParams) return Object.fromEntries([...params.keys()].map((key) => [key, params.get(key) ?? undefined]));
  return Object.fromEntries(Object.entries(params).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
}

/** Strict: for the route handler, where a malformed query is the caller's mistake (400). */
export function parseVehicleListQueryStrict(params: RawParams) {
  return vehicleListQuerySchema.safeParse(rawValues(params));
}

/**
 * Lenient: for page URLs people edit or bookmark. A field that does not parse falls back to its
 * default instead of breaking the page; the other fields still apply.
 */
export function parseVehicleListQuery(params: RawParams): VehicleListQuery {
  const raw = rawValues(params);
  const query = { ...DEFAULT_VEHICLE_LIST_QUERY } as Record<Field, unknown>;
  for (const field of Object.keys(vehicleListQuerySchema.shape) as Field[]) {
    const parsed = vehicleListQuerySchema.shape[field].safeParse(raw[field]);
    if (parsed.success) query[field] = parsed.data;
  }
  return query as VehicleListQuery;
}

/** The query as search params, defaults left out so URLs stay short and canonical. */
export function serializeVehicleListQuery(query: VehicleListQuery): URLSearchParams {
  const params = new URLSearchParams();
  if (query.q) params.set("q", query.q);
  if (query.make) params.set("make", query.make);
  if (query.status) params.set("status", query.status);
  if (query.battery) params.set("battery", query.battery);
  if (query.sort !== DEFAULT_VEHICLE_LIST_QUERY.sort) params.set("sort", query.sort);
  if (query.dir && query.dir !== defaultSortDirection(query.sort)) params.set("dir", query.dir);
  if (query.page !== 1) params.set("page", String(query.page));
  if (query.size !== DEFAULT_PAGE_SIZE) params.set("size", String(query.size));
  return params;
}

export function vehicleListHref(query: Partial<VehicleListQuery>): string {
  const params = serializeVehicleListQuery({ ...DEFAULT_VEHICLE_LIST_QUERY, ...query });
  const search = params.toString();
  return search ? `/vehicles?${search}` : "/vehicles";
}

export function hasActiveFilters(query: VehicleListQuery): boolean {
  return Boolean(query.q || query.make || query.status || query.battery);
}

export function batteryBandRange(band: BatteryBand): { min: number; max: number } {
  const [min, max] = band.split("-").map(Number) as [number, number];
  return { min, max };
}
