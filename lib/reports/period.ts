/**
 * When scheduled reports run and which period each covers, in UTC: weekly on Mondays at 06:00 for
 * the seven days before; monthly on the 1st at 06:00 for the previous calendar month. Pure.
 */

export type ReportFrequency = "weekly" | "monthly";

export const RUN_HOUR_UTC = 6;

/** The first run time strictly after `after`. */
export function nextRunAfter(frequency: ReportFrequency, after: Date): Date {
  if (frequency === "weekly") {
    const candidate = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), after.getUTCDate(), RUN_HOUR_UTC));
    const daysToMonday = (8 - candidate.getUTCDay()) % 7;
    candidate.setUTCDate(candidate.getUTCDate() + daysToMonday);
    if (candidate <= after) candidate.setUTCDate(candidate.getUTCDate() + 7);
    return candidate;
  }
  const candidate = new Date(Date.UTC(after.getUTCFullYear(), after.getUTCMonth(), 1, RUN_HOUR_UTC));
  if (candidate <= after) candidate.setUTCMonth(candidate.getUTCMonth() + 1);
  return candidate;
}

/**
 * The period a run reports on: a scheduled run the seven days or the calendar month before it; a
 * "Send now" the seven days, or the month so far, up to now.
 */
export function reportPeriod(frequency: ReportFrequency, runAt: Date, trigger: "scheduled" | "manual"): { start: Date; end: Date } {
  if (frequency === "weekly") return { start: new Date(runAt.getTime() - 7 * 86_400_000), end: runAt };
  const monthStart = new Date(Date.UTC(runAt.getUTCFullYear(), runAt.getUTCMonth(), 1));
  if (trigger === "manual") return { start: monthStart, end: runAt };
  return { start: new Date(Date.UTC(runAt.getUTCFullYear(), runAt.getUTCMonth() - 1, 1)), end: monthStart };
}
