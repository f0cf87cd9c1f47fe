/**
 * How fresh a stored signal is. The car's own timestamp (`oemUpdatedAt`) says when the value was
 * true; `retrievedAt` only says when Smartcar fetched it, so it is the fallback, never the preference.
 */

export type FreshnessLevel = "live" | "recent" | "stale" | "unknown";

/** Younger than this reads as live. */
export const LIVE_WITHIN_MS = 5 * 60_000;
/** Older than this is highlighted as stale. */
export const STALE_AFTER_MS = 60 * 60_000;

export interface SignalFreshness {
  level: FreshnessLevel;
  /** The timestamp the age was measured from. */
  measuredFrom: Date | null;
  source: "oem" | "retrieved" | null;
  /** Milliseconds since `measuredFrom`; 0 for timestamps in the future (clock skew). */
  ageMs: number | null;
  /** e.g. "just now", "3 min ago", "2 h ago", "5 days ago", "no timestamp". */
  label: string;
}

export function signalFreshness(
  timestamps: { oemUpdatedAt: Date | null; retrievedAt: Date | null },
  now: Date = new Date(),
): SignalFreshness {
  const measuredFrom = timestamps.oemUpdatedAt ?? timestamps.retrievedAt;
  if (!measuredFrom) return { level: "unknown", measuredFrom: null, source: null, ageMs: null, label: "no timestamp" };
  const ageMs = Math.max(0, now.getTime() - measuredFrom.getTime());
  const level: FreshnessLevel = ageMs <= LIVE_WITHIN_MS ? "live" : ageMs <= STALE_AFTER_MS ? "recent" : "stale";
  return {
    level,
    measuredFrom,
    source: timestamps.oemUpdatedAt ? "oem" : "retrieved",
    ageMs,
    label: formatAge(ageMs),
  };
}

export function formatAge(ageMs: number): string {
  const minutes = Math.floor(ageMs / 60_000);
  if (minutes < 1) return "just now";
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  if (days < 60) return days === 1 ? "1 day ago" : `${days} days ago`;
  const months = Math.floor(days / 30);
  if (months < 24) return `${months} months ago`;
  return `${Math.floor(days / 365)} years ago`;
}
