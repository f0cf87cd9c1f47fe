import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultFeatures, FEATURE_IDS, isFeatureId, scopeForFeatures, type FeatureId } from "@/lib/smartcar/permissions";

/**
 * The one reader of process.env. Every variable is declared here with its default and what it
 * expects; `.env.example` and the README's configuration table document the same list.
 */

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no", ""], { error: 'expects "1" or "0"' })
  .transform((value) => value === "1" || value === "true" || value === "yes");

const httpUrl = z
  .url({ protocol: /^https?$/, error: "expects an http(s) URL" })
  .transform((value) => value.replace(/\/+$/, ""));

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number({ error: "expects a port number" }).int().min(1).max(65535).default(3000),
  APP_URL: httpUrl.optional(),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "expects a postgres:// connection URL")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  FLEETDECK_DATA_DIR: z.string().min(1).default("./data"),
  FLEETDECK_DEMO: booleanFlag.default(false),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  AUTH_SECRET: z.string().min(32, "expects at least 32 characters (e.g. `openssl rand -base64 32`)").optional(),
  // Kept verbatim (no trailing-slash trimming): it must equal the `iss` claim the provider signs.
  AUTH_OIDC_ISSUER: z.url({ protocol: /^https?$/, error: "expects the provider's issuer URL" }).optional().or(z.literal("").transform(() => undefined)),
  AUTH_OIDC_CLIENT_ID: optionalString,
  AUTH_OIDC_CLIENT_SECRET: optionalString,
  FLEETDECK_ENCRYPTION_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]+:[A-Za-z0-9+/=]{43,44})*$/,
      "expects comma-separated keyId:base64(32 bytes) pairs, the first one current",
    )
    .optional(),
  SMARTCAR_MODE: z.enum(["emulator", "live"], { error: 'expects "emulator" or "live"' }).default("emulator"),
  SMARTCAR_CLIENT_ID: optionalString,
  SMARTCAR_CLIENT_SECRET: optionalString,
  SMARTCAR_MANAGEMENT_TOKEN: optionalString,
  SMARTCAR_REDIRECT_URI: httpUrl.optional(),
  SMARTCAR_WEBHOOK_URL: httpUrl.optional(),
  SMARTCAR_CONNECT_MODE: z.enum(["live", "simulated"], { error: 'expects "live" or "simulated"' }).optional(),
  SMARTCAR_FEATURES: z
    .string()
    .trim()
    .regex(/^[a-z]+(\s*,\s*[a-z]+)*$/, `expects a comma-separated list of features: ${FEATURE_IDS.join(", ")}`)
    .transform((value) => value.split(",").map((item) => item.trim()))
    .refine((items) => items.every(isFeatureId), { message: `expects features from: ${FEATURE_IDS.join(", ")}` })
    .transform((items) => items as FeatureId[])
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMARTCAR_SCOPE: z
    .string()
    .regex(/^(required:)?[a-z_]+( (required:)?[a-z_]+)*$/, "expects space-separated permissions, e.g. `read_odometer required:read_vehicle_info`")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  SMARTCAR_COUNTRY: z
    .string()
    .regex(/^[A-Z]{2}$/, "expects an ISO-3166 alpha-2 country code such as US or DE")
    .optional(),
  SMARTCAR_EMULATOR_URL: httpUrl.optional(),
  SMARTCAR_CONNECT_URL: httpUrl.optional(),
  SMARTCAR_AUTH_URL: httpUrl.optional(),
  SMARTCAR_IAM_URL: httpUrl.optional(),
  SMARTCAR_VEHICLE_API_URL: httpUrl.optional(),
  SMARTCAR_API_URL: httpUrl.optional(),
  SMARTCAR_MANAGEMENT_URL: httpUrl.optional(),
  SMARTCAR_MANAGEMENT_API_URL: httpUrl.optional(),
  SMARTCAR_RATE_LIMIT_BURST: z.coerce.number().int().min(1).default(120),
  SMARTCAR_RATE_LIMIT_REFILL_PER_MINUTE: z.coerce.number().positive().default(2),
  SMARTCAR_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  SMARTCAR_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(4),
  SIM_TICK_SECONDS: z.coerce.number().positive().max(3600).default(10),
  SIM_WEBHOOK_RETRY_SCALE: z.coerce.number().positive().max(1).default(1),
  SIM_VEHICLE_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).default(20),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, "expects an smtp:// or smtps:// URL, e.g. smtp://user:pass@mail.example.com:587").optional().or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().trim().min(3).default("Fleetdeck <no-reply@fleetdeck.invalid>"),
  AUDIT_RETENTION_DAYS: z.coerce.number({ error: "expects a number of days (0 keeps everything)" }).int().min(0).default(365),
  OUTBOUND_WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .trim()
    .regex(/^([0-9A-Za-z.:\-]+(\/\d{1,3})?)?(,[0-9A-Za-z.:\-]+(\/\d{1,3})?)*$/, "expects comma-separated host names, IP addresses or CIDR ranges, e.g. 10.0.0.0/8,hooks.internal")
    .default(""),
});

type Env = z.infer<typeof envSchema>;

/** Every variable the app reads; `.env.example` and the README document each of them. */
export const ENV_VARIABLES = Object.keys(envSchema.shape) as (keyof Env)[];

/** Demo credentials of the built-in emulator; meaningless anywhere else. */
export const EMULATOR_DEFAULTS = {
  clientId: "fleetdeck-demo-client",
  clientSecret: "fleetdeck-demo-secret",
  managementToken: "fleetdeck-demo-amt",
} as const;

const LIVE_HOSTS = {
  connect: "https://connect.smartcar.com",
  auth: "https://auth.smartcar.com",
  iam: "https://iam.smartcar.com",
  vehicleApi: "https://vehicle.api.smartcar.com",
  api: "https://api.smartcar.com",
  management: "https://management.smartcar.com",
  managementApi: "https://management.api.smartcar.com",
} as const;

/** Path segment under /sim that stands in for each Smartcar host. */
export const EMULATOR_HOST_PATHS: Record<keyof typeof LIVE_HOSTS, string> = {
  connect: "connect",
  auth: "auth",
  iam: "iam",
  vehicleApi: "vehicle.api",
  api: "api",
  management: "management",
  managementApi: "management.api",
};

export type SmartcarHosts = Record<keyof typeof LIVE_HOSTS, string>;

export interface Config {
  nodeEnv: Env["NODE_ENV"];
  port: number;
  appUrl: string;
  logLevel: Env["LOG_LEVEL"];
  demo: boolean;
  version: string;
  database: { kind: "pglite"; dataDir: string } | { kind: "postgres"; url: string };
  dataDir: string;
  authSecret: string;
  /** Single sign-on through an OpenID Connect provider, when configured; email + password always works. */
  oidc: { issuer: string; clientId: string; clientSecret: string } | null;
  /** Token-encryption keys, current first; older ones only decrypt. */
  encryptionKeys: { id: string; key: Buffer }[];
  smartcar: {
    mode: "emulator" | "live";
    clientId: string;
    clientSecret: string;
    managementToken: string;
    redirectUri: string;
    webhookUrl: string;
    connectMode: "live" | "simulated";
    /** Features whose permissions Connect asks for (lib/smartcar/permissions.ts). */
    features: FeatureId[];
    /** Connect's `scope`: the features' permissions, or SMARTCAR_SCOPE verbatim. */
    scope: string[];
    country: string | undefined;
    hosts: SmartcarHosts;
    rateLimit: { burst: number; refillPerMinute: number };
    requestTimeoutMs: number;
    maxAttempts: number;
  };
  /** The built-in emulator (SMARTCAR_MODE=emulator). */
  simulator: { tickSeconds: number; webhookRetryScale: number; vehicleRateLimit: { burst: number; refillPerMinute: number } };
  /** Outgoing email (reconnect links); without SMTP_URL messages are only kept in the outbox. */
  mail: { smtpUrl: string | null; from: string };
  /** Audit log entries older than this many days are deleted by the daily job; 0 keeps them all. */
  auditRetentionDays: number;
  /** Private hosts, addresses or CIDR ranges outbound alert webhooks may reach anyway (default: none). */
  outboundWebhookAllowPrivate: string[];
}

export class ConfigError extends Error {
  constructor(readonly variable: string, readonly expectation: string) {
    super(`Invalid configuration: ${variable} ${expectation}`);
    this.name = "ConfigError";
  }
}

function readPackageVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(path.join(/* turbopackIgnore: true */ process.cwd(), "package.json"), "utf8"));
    return typeof pkg.version === "string" ? pkg.version : "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/**
 * On the embedded default nobody should have to generate secrets by hand: they are created on first
 * start and kept in the data directory. A real deployment (DATABASE_URL) must pass them explicitly.
 */
function embeddedSecret(dataDir: string, name: string, generate: () => string): string {
  const file = path.join(/* turbopackIgnore: true */ dataDir, "secrets.json");
  let secrets: Record<string, string> = {};
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, "utf8"));
  const existing = secrets[name];
  if (existing) return existing;
  secrets[name] = generate();
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets[name];
}

function parseEncryptionKeys(value: string): { id: string; key: Buffer }[] {
  return value.split(",").map((pair) => {
    const [id, base64] = pair.split(":") as [string, string];
    const key = Buffer.from(base64, "base64");
    if (key.length !== 32) throw new ConfigError("FLEETDECK_ENCRYPTION_KEYS", `key "${id}" must decode to 32 bytes`);
    return { id, key };
  });
}

function requireLive(env: Env, name: "SMARTCAR_CLIENT_ID" | "SMARTCAR_CLIENT_SECRET" | "SMARTCAR_MANAGEMENT_TOKEN", what: string, fallback: string): string {
  const value = env[name];
  if (value) return value;
  if (env.SMARTCAR_MODE === "live") throw new ConfigError(name, `is required when SMARTCAR_MODE=live (${what})`);
  return fallback;
}

export function parseConfig(source: Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? "environment");
    const got = source[variable];
    throw new ConfigError(variable, `${issue.message}${got === undefined ? "" : ` (got ${JSON.stringify(got)})`}`);
  }
  const env = parsed.data;
  const appUrl = env.APP_URL ?? `http://localhost:${env.PORT}`;
  const dataDir = path.resolve(/* turbopackIgnore: true */ env.FLEETDECK_DATA_DIR);
  const embedded = !env.DATABASE_URL;

  const secretOrGenerated = (name: "AUTH_SECRET" | "FLEETDECK_ENCRYPTION_KEYS", generate: () => string): string => {
    const value = env[name];
    if (value) return value;
    if (!embedded) throw new ConfigError(name, "is required when DATABASE_URL is set (generate one with `openssl rand -base64 32`)");
    return embeddedSecret(dataDir, name, generate);
  };

  const authSecret = secretOrGenerated("AUTH_SECRET", () => randomBytes(32).toString("base64"));
  const encryptionKeys = parseEncryptionKeys(
    secretOrGenerated("FLEETDECK_ENCRYPTION_KEYS", () => `k1:${randomBytes(32).toString("base64")}`),
  );

  const oidcVariables = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET] as const;
  if (oidcVariables.some(Boolean) && !oidcVariables.every(Boolean)) {
    const missing = (["AUTH_OIDC_ISSUER", "AUTH_OIDC_CLIENT_ID", "AUTH_OIDC_CLIENT_SECRET"] as const).find((name) => !env[name])!;
    throw new ConfigError(missing, "is required when any AUTH_OIDC_* variable is set (issuer, client id and client secret go together)");
  }
  const [oidcIssuer, oidcClientId, oidcClientSecret] = oidcVariables;
  const oidc = oidcIssuer && oidcClientId && oidcClientSecret ? { issuer: oidcIssuer, clientId: oidcClientId, clientSecret: oidcClientSecret } : null;

  const emulatorUrl = env.SMARTCAR_EMULATOR_URL ?? `http://127.0.0.1:${env.PORT}/sim`;
  const defaultHost = (key: keyof typeof LIVE_HOSTS): string => {
    if (env.SMARTCAR_MODE === "live") return LIVE_HOSTS[key];
    // Connect is opened by the browser, so it must use the public URL; server-side calls stay local.
    if (key === "connect") return `${appUrl}/sim/${EMULATOR_HOST_PATHS.connect}`;
    return `${emulatorUrl}/${EMULATOR_HOST_PATHS[key]}`;
  };

  return {
    nodeEnv: env.NODE_ENV,
    port: env.PORT,
    appUrl,
    logLevel: env.LOG_LEVEL,
    demo: env.FLEETDECK_DEMO,
    version: readPackageVersion(),
    database: env.DATABASE_URL ? { kind: "postgres", url: env.DATABASE_URL } : { kind: "pglite", dataDir },
    dataDir,
    authSecret,
    oidc,
    encryptionKeys,
    smartcar: {
      mode: env.SMARTCAR_MODE,
      clientId: requireLive(env, "SMARTCAR_CLIENT_ID", "the application's client id from the Smartcar Dashboard", EMULATOR_DEFAULTS.clientId),
      clientSecret: requireLive(env, "SMARTCAR_CLIENT_SECRET", "a client secret from Dashboard → API Credentials", EMULATOR_DEFAULTS.clientSecret),
      managementToken: requireLive(env, "SMARTCAR_MANAGEMENT_TOKEN", "the Application Management Token from Dashboard → Configuration", EMULATOR_DEFAULTS.managementToken),
      redirectUri: env.SMARTCAR_REDIRECT_URI ?? `${appUrl}/api/smartcar/callback`,
      webhookUrl: env.SMARTCAR_WEBHOOK_URL ?? `${appUrl}/api/webhooks/smartcar`,
      connectMode: env.SMARTCAR_CONNECT_MODE ?? (env.SMARTCAR_MODE === "live" ? "live" : "simulated"),
      features: env.SMARTCAR_FEATURES ?? defaultFeatures(),
      scope: env.SMARTCAR_SCOPE ? env.SMARTCAR_SCOPE.split(" ") : scopeForFeatures(env.SMARTCAR_FEATURES ?? defaultFeatures()),
      country: env.SMARTCAR_COUNTRY,
      hosts: {
        connect: env.SMARTCAR_CONNECT_URL ?? defaultHost("connect"),
        auth: env.SMARTCAR_AUTH_URL ?? defaultHost("auth"),
        iam: env.SMARTCAR_IAM_URL ?? defaultHost("iam"),
        vehicleApi: env.SMARTCAR_VEHICLE_API_URL ?? defaultHost("vehicleApi"),
        api: env.SMARTCAR_API_URL ?? defaultHost("api"),
        management: env.SMARTCAR_MANAGEMENT_URL ?? defaultHost("management"),
        managementApi: env.SMARTCAR_MANAGEMENT_API_URL ?? defaultHost("managementApi"),
      },
      rateLimit: { burst: env.SMARTCAR_RATE_LIMIT_BURST, refillPerMinute: env.SMARTCAR_RATE_LIMIT_REFILL_PER_MINUTE },
      requestTimeoutMs: env.SMARTCAR_REQUEST_TIMEOUT_MS,
      maxAttempts: env.SMARTCAR_MAX_ATTEMPTS,
    },
    simulator: {
      tickSeconds: env.SIM_TICK_SECONDS,
      webhookRetryScale: env.SIM_WEBHOOK_RETRY_SCALE,
      vehicleRateLimit: { burst: env.SIM_VEHICLE_RATE_LIMIT_PER_MINUTE, refillPerMinute: env.SIM_VEHICLE_RATE_LIMIT_PER_MINUTE },
    },
    mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
    auditRetentionDays: env.AUDIT_RETENTION_DAYS,
    outboundWebhookAllowPrivate: env.OUTBOUND_WEBHOOK_ALLOW_PRIVATE.split(",").map((entry) => entry.trim().toLowerCase()).filter(Boolean),
  };
}

const globalForConfig = globalThis as unknown as { fleetdeckConfig?: Config };

export function getConfig(): Config {
  globalForConfig.fleetdeckConfig ??= parseConfig(process.env);
  return globalForConfig.fleetdeckConfig;
}
