import "server-only";
import pino from "pino";
import { getConfig } from "@/lib/config";

const globalForLog = globalThis as unknown as { fleetdeckLogger?: pino.Logger };

/** JSON logs on stdout. Tokens and secrets are never passed in; the redact list is a second fence. */
export function getLogger(): pino.Logger {
  globalForLog.fleetdeckLogger ??= pino({
    level: getConfig().logLevel,
    base: { service: "fleetdeck" },
    redact: {
      paths: ["*.authorization", "*.access_token", "*.refresh_token", "*.client_secret", "*.password", "headers.authorization"],
      censor: "[redacted]",
    },
  });
  return globalForLog.fleetdeckLogger;
}
