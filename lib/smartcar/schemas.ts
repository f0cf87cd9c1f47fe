import { z } from "zod";
import { normalizeSignal, parseSignalTime, signalResourceSchema } from "./signals";
import type { NormalizedSignal } from "./types";

/**
 * zod schemas for every Smartcar response the client reads, each transforming into the typed result
 * callers get. Where the contract marks a CONFLICT, every documented variant is accepted: `data`
 * wrapper or not, missing optional fields, extra fields ignored.
 */

/** Accepts `{ data: X }` as well as a bare `X` (contract §3.3: newest vs older spec). */
function dataOrBare<T extends z.ZodType>(schema: T) {
  const wrapped = z.object({ data: schema }).transform((value) => (value as { data: z.output<T> }).data);
  return z.union([wrapped, schema]);
}

const isoDate = z.unknown().transform((value) => parseSignalTime(value));

// ---- tokens (contract §2)

export const vehicleTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
  refresh_token: z.string().min(1),
});
export type VehicleTokenResponse = z.infer<typeof vehicleTokenResponseSchema>;

export const applicationTokenResponseSchema = z.object({
  access_token: z.string().min(1),
  token_type: z.string().optional(),
  expires_in: z.coerce.number().positive(),
});

// ---- v3 vehicle API (contract §3.2, §3.3)

const vehicleAttributesSchema = z.object({
  make: z.string(),
  model: z.string(),
  year: z.coerce.number().int(),
  powertrainType: z.string().nullish(),
  mode: z.string().nullish(),
});

export interface VehicleV3 {
  id: string;
  make: string;
  model: string;
  year: number;
  powertrainType: string | null;
  mode: string | null;
}

export const vehicleV3Schema = dataOrBare(
  z.object({ id: z.string(), type: z.string().optional(), attributes: vehicleAttributesSchema }),
).transform(
  (resource): VehicleV3 => ({
    id: resource.id,
    make: resource.attributes.make,
    model: resource.attributes.model,
    year: resource.attributes.year,
    powertrainType: resource.attributes.powertrainType ?? null,
    mode: resource.attributes.mode ?? null,
  }),
);

const pageMetaSchema = z
  .object({
    page: z.coerce.number().int().optional(),
    pageSize: z.coerce.number().int().optional(),
    totalCount: z.coerce.number().int().optional(),
  })
  .passthrough()
  .nullish();

const pageLinksSchema = z.object({ next: z.string().nullish() }).passthrough().nullish();

export interface Page<T> {
  items: T[];
  page: number | null;
  pageSize: number | null;
  totalCount: number | null;
  /** The next page's link as Smartcar gave it, or null on the last page. */
  next: string | null;
}

export const signalsPageSchema = z
  .object({
    data: z.array(signalResourceSchema),
    meta: pageMetaSchema,
    links: pageLinksSchema,
  })
  .transform(
    (value): Page<NormalizedSignal> => ({
      items: value.data.map(normalizeSignal),
      page: value.meta?.page ?? null,
      pageSize: value.meta?.pageSize ?? null,
      totalCount: value.meta?.totalCount ?? null,
      next: value.links?.next ?? null,
    }),
  );

export const singleSignalSchema = dataOrBare(signalResourceSchema).transform(normalizeSignal);

const vehicleSummarySchema = z
  .object({
    make: z.string().nullish(),
    model: z.string().nullish(),
    year: z.coerce.number().int().nullish(),
    mode: z.string().nullish(),
    powertrainType: z.string().nullish(),
  })
  .nullish();

const relationshipSchema = z.object({ data: z.object({ id: z.string() }).nullish() }).nullish();

export interface ConnectionV3 {
  id: string;
  vehicleId: string | null;
  userId: string | null;
  permissions: string[];
  vehicle: { make: string | null; model: string | null; year: number | null; mode: string | null; powertrainType: string | null } | null;
  createdAt: Date | null;
  updatedAt: Date | null;
}

const connectionResourceSchema = z
  .object({
    id: z.string(),
    type: z.string().optional(),
    attributes: z
      .object({
        permissions: z.array(z.string()).nullish(),
        vehicle: vehicleSummarySchema,
        vehicleId: z.string().nullish(),
        userId: z.string().nullish(),
      })
      .nullish(),
    relationships: z.object({ vehicle: relationshipSchema, user: relationshipSchema }).partial().nullish(),
    meta: z.object({ createdAt: isoDate, updatedAt: isoDate }).partial().nullish(),
  })
  .transform(
    (resource): ConnectionV3 => ({
      id: resource.id,
      vehicleId: resource.relationships?.vehicle?.data?.id ?? resource.attributes?.vehicleId ?? null,
      userId: resource.relationships?.user?.data?.id ?? resource.attributes?.userId ?? null,
      permissions: resource.attributes?.permissions ?? [],
      vehicle: resource.attributes?.vehicle
        ? {
            make: resource.attributes.vehicle.make ?? null,
            model: resource.attributes.vehicle.model ?? null,
            year: resource.attributes.vehicle.year ?? null,
            mode: resource.attributes.vehicle.mode ?? null,
            powertrainType: resource.attributes.vehicle.powertrainType ?? null,
          }
        : null,
      createdAt: resource.meta?.createdAt ?? null,
      updatedAt: resource.meta?.updatedAt ?? null,
    }),
  );

export const connectionV3Schema = dataOrBare(connectionResourceSchema);

export const connectionsPageSchema = z
  .object({ data: z.array(connectionResourceSchema), meta: pageMetaSchema, links: pageLinksSchema })
  .transform(
    (value): Page<ConnectionV3> => ({
      items: value.data,
      page: value.meta?.page ?? null,
      pageSize: value.meta?.pageSize ?? null,
      totalCount: value.meta?.totalCount ?? null,
      next: value.links?.next ?? null,
    }),
  );

export interface CommandExecution {
  id: string | null;
  commandType: string | null;
  status: string;
  executionMode: string | null;
  parameters: Record<string, unknown> | null;
  executedAt: Date | null;
  completedAt: Date | null;
}

export const commandExecutionSchema = dataOrBare(
  z.object({
    id: z.string().nullish(),
    type: z.string().optional(),
    attributes: z.object({
      commandType: z.string().nullish(),
      status: z.union([z.object({ value: z.string() }).transform((status) => status.value), z.string()]),
      executionMode: z.string().nullish(),
      parameters: z.record(z.string(), z.unknown()).nullish(),
    }),
    meta: z.object({ executedAt: isoDate, completedAt: isoDate }).partial().nullish(),
  }),
).transform(
  (resource): CommandExecution => ({
    id: resource.id ?? null,
    commandType: resource.attributes.commandType ?? null,
    status: resource.attributes.status,
    executionMode: resource.attributes.executionMode ?? null,
    parameters: resource.attributes.parameters ?? null,
    executedAt: resource.meta?.executedAt ?? null,
    completedAt: resource.meta?.completedAt ?? null,
  }),
);

// ---- v2 vehicle API (contract §3.4)

export const v2ActionResponseSchema = z
  .object({ status: z.string(), message: z.string().nullish() })
  .transform((value) => ({ status: value.status, message: value.message ?? null }));

export const v2UserSchema = z.object({ id: z.string() });

export const v2VehicleListSchema = z.object({
  vehicles: z.array(z.string()),
  paging: z.object({ count: z.coerce.number().int(), offset: z.coerce.number().int() }).partial().nullish(),
});

export const v2AttributesSchema = z.object({ id: z.string(), make: z.string(), model: z.string(), year: z.coerce.number().int() });
export const v2OdometerSchema = z.object({ distance: z.number() });
export const v2BatterySchema = z.object({ range: z.number().nullish(), percentRemaining: z.number() });
export const v2ChargeSchema = z.object({ isPluggedIn: z.boolean(), state: z.string() });
export const v2LocationSchema = z.object({ latitude: z.number(), longitude: z.number() });

// ---- v2 management (contract §6)

export interface ManagementConnection {
  userId: string;
  vehicleId: string;
  connectedAt: Date | null;
  mode: string | null;
}

export const managementConnectionsSchema = z
  .object({
    connections: z.array(
      z.object({
        userId: z.string(),
        vehicleId: z.string(),
        connectedAt: isoDate.optional(),
        createdAt: isoDate.optional(),
        mode: z.string().nullish(),
      }),
    ),
    paging: z.object({ cursor: z.string().nullish() }).nullish(),
  })
  .transform((value) => ({
    connections: value.connections.map(
      (item): ManagementConnection => ({
        userId: item.userId,
        vehicleId: item.vehicleId,
        // `connectedAt` now, `createdAt` in an older version of the page.
        connectedAt: item.connectedAt ?? item.createdAt ?? null,
        mode: item.mode ?? null,
      }),
    ),
    cursor: value.paging?.cursor ?? null,
  }));

export const managementDeleteSchema = z.object({
  connections: z.array(z.object({ userId: z.string(), vehicleId: z.string() })),
});
