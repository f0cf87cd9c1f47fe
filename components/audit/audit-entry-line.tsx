import { Badge } from "@/components/ui/badge";
import { RelativeTime } from "@/components/ui/relative-time";
import { auditActionLabel } from "@/lib/audit/actions";

export interface AuditEntryLineProps {
  entry: {
    id: number;
    at: Date | string;
    actorType: string;
    actorLabel: string | null;
    action: string;
    targetLabel: string | null;
    outcome: "success" | "failure" | "denied";
    clientAddress: string | null;
  };
  showAddress: boolean;
}

const OUTCOME_TONE = { success: "good", failure: "bad", denied: "warn" } as const;

/** One audit entry as a sentence: who, did what, to what, with what outcome, when, from where. */
export function AuditEntryLine({ entry, showAddress }: AuditEntryLineProps) {
  const actor = entry.actorLabel ?? (entry.actorType === "system" ? "Fleetdeck" : "Someone");
  return (
    <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm" data-testid="audit-entry" data-action={entry.action}>
      <span className="font-medium text-slate-900 dark:text-slate-100">{actor}</span>
      <span className="text-slate-700 dark:text-slate-300">{auditActionLabel(entry.action).toLowerCase()}</span>
      {entry.targetLabel ? <span className="text-slate-900 dark:text-slate-100">{entry.targetLabel}</span> : null}
      {entry.outcome !== "success" ? <Badge tone={OUTCOME_TONE[entry.outcome]}>{entry.outcome}</Badge> : null}
      <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
        <RelativeTime date={entry.at} />
        {showAddress && entry.clientAddress ? ` · ${entry.clientAddress}` : ""}
      </span>
    </div>
  );
}
