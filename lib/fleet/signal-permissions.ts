import { permissionForSignal } from "@/lib/smartcar/permissions";

/**
 * Judging signals and connections only against the permissions Fleetdeck asked for. A car reports
 * every signal it has; the ones under a permission nobody requested come back as PERMISSION errors,
 * which say nothing about the connection's health and must not look like one.
 */

export function isPermissionError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { type, code } = error as { type?: unknown; code?: unknown };
  return type === "PERMISSION" || (type === "CONNECTED_SERVICES_ACCOUNT" && code === "PERMISSION");
}

/** Splits off the signals that failed only because their permission was never requested. */
export function partitionByRequest<Signal extends { code: string; status: string; error: unknown }>(
  signals: readonly Signal[],
  requested: readonly string[],
): { shown: Signal[]; notRequested: Signal[] } {
  const shown: Signal[] = [];
  const notRequested: Signal[] = [];
  for (const signal of signals) {
    const permission = permissionForSignal(signal.code);
    const unrequested = signal.status !== "SUCCESS" && isPermissionError(signal.error) && permission !== null && !requested.includes(permission);
    (unrequested ? notRequested : shown).push(signal);
  }
  return { shown, notRequested };
}

/**
 * Requested permissions this connection lacks. An empty grant list means Smartcar did not say (v2
 * tokens), which is not the same as "granted nothing": then nothing is reported missing.
 */
export function missingPermissions(granted: readonly string[], requested: readonly string[]): string[] {
  if (granted.length === 0) return [];
  return requested.filter((permission) => !granted.includes(permission));
}
