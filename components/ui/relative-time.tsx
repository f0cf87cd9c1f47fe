const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
  ["second", 1],
];

export function formatRelative(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  const format = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === "second") return format.format(Math.round(seconds / size), unit);
  }
  return format.format(0, "second");
}

/**
 * Relative time with the absolute time on hover, as every timestamp in the app is shown. Server and
 * browser render it a moment apart, so the text may differ by a second: that mismatch is expected.
 */
export function RelativeTime({ date, className }: { date: Date | string | null; className?: string }) {
  if (!date) return <span className="text-slate-500 dark:text-slate-400">never</span>;
  const instant = typeof date === "string" ? new Date(date) : date;
  return (
    <time
      dateTime={instant.toISOString()}
      title={instant.toLocaleString("en-GB", { timeZone: "UTC", timeZoneName: "short" })}
      className={className}
      suppressHydrationWarning
    >
      {formatRelative(instant)}
    </time>
  );
}
