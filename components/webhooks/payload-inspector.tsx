import { parseWebhookBody } from "@/lib/smartcar/webhook-events";
import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";

function formatBody(body: unknown): string {
  if (body === null || body === undefined) return "—";
  if (typeof body === "object" && body !== null && "value" in body) {
    const { value, unit } = body as { value: unknown; unit?: unknown };
    if (typeof value !== "object") return `${String(value)}${typeof unit === "string" ? ` ${unit}` : ""}`;
  }
  return JSON.stringify(body);
}

function prettyJson(rawBody: string): string {
  try {
    return JSON.stringify(JSON.parse(rawBody), null, 2);
  } catch {
    return rawBody;
  }
}

/** The stored payload as received, pretty-printed, with VEHICLE_STATE signals and VEHICLE_ERROR items as tables. */
export function PayloadInspector({ rawBody }: { rawBody: string }) {
  const parsed = parseWebhookBody(rawBody);
  const event = parsed.ok ? parsed.event : null;
  return (
    <div className="space-y-5">
      {event?.eventType === "VEHICLE_STATE" ? (
        <div className="overflow-x-auto rounded-lg ring-1 ring-slate-200 dark:ring-slate-800">
          <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="signals-table">
            <caption className="sr-only">Signals in this event</caption>
            <thead className="bg-slate-50 dark:bg-slate-900/60">
              <tr>
                {["Signal", "Value", "Status", "OEM updated"].map((header) => (
                  <th key={header} scope="col" className="px-4 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
                    {header}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {event.signals.map((signal) => (
                <tr key={signal.code}>
                  <td className="px-4 py-2">
                    <div className="font-medium text-slate-900 dark:text-slate-100">{signal.group}.{signal.name}</div>
                    <div className="font-mono text-xs text-slate-500 dark:text-slate-400">{signal.code}</div>
                  </td>
                  <td className="max-w-xs truncate px-4 py-2 font-mono text-xs text-slate-700 dark:text-slate-300">{formatBody(signal.body)}</td>
                  <td className="px-4 py-2">
                    {signal.status === "SUCCESS" ? (
                      <Badge tone="good">OK</Badge>
                    ) : (
                      <Badge tone="bad" title={signal.error ? `${signal.error.type}:${signal.error.code ?? ""}` : undefined}>
                        {signal.error ? `${signal.error.type}${signal.error.code ? `:${signal.error.code}` : ""}` : signal.status}
                      </Badge>
                    )}
                  </td>
                  <td className="whitespace-nowrap px-4 py-2 text-slate-600 dark:text-slate-400">
                    <RelativeTime date={signal.oemUpdatedAt} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {event?.eventType === "VEHICLE_ERROR" ? (
        <ul className="space-y-2">
          {event.errors.map((error, index) => (
            <li key={index} className="rounded-lg p-3 ring-1 ring-slate-200 dark:ring-slate-800">
              <div className="flex flex-wrap items-center gap-2">
                <Badge tone={error.state === "RESOLVED" ? "good" : "bad"}>{error.state}</Badge>
                <span className="font-mono text-xs text-slate-700 dark:text-slate-300">
                  {error.type}
                  {error.code ? `:${error.code}` : ""}
                </span>
                {error.resolution?.type ? <Badge tone="info">{error.resolution.type}</Badge> : null}
              </div>
              {error.suggestedUserMessage ? <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{error.suggestedUserMessage}</p> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {/* Scrolls: focusable so keyboard users can scroll it too. */}
      <pre
        data-testid="payload-json"
        tabIndex={0}
        aria-label="Raw payload"
        className="max-h-[28rem] overflow-auto rounded-lg bg-slate-950 p-4 font-mono text-xs leading-relaxed text-slate-100 ring-1 ring-slate-800"
      >
        {prettyJson(rawBody)}
      </pre>
    </div>
  );
}
