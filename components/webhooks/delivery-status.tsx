import { Badge, type BadgeTone } from "@/components/ui/badge";

const STATUS_TONES: Record<string, BadgeTone> = {
  pending: "info",
  processed: "good",
  duplicate: "neutral",
  unhandled: "neutral",
  unmatched: "warn",
  failed: "bad",
};

const STATUS_LABELS: Record<string, string> = {
  pending: "Pending",
  processed: "Processed",
  duplicate: "Duplicate",
  unhandled: "Unhandled type",
  unmatched: "Unmatched",
  failed: "Failed",
};

export function DeliveryStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={STATUS_TONES[status] ?? "neutral"} dot>
      {STATUS_LABELS[status] ?? status}
    </Badge>
  );
}

export function SignatureBadge({ signature }: { signature: string }) {
  return signature === "valid" ? <Badge tone="good">Verified</Badge> : <Badge tone="warn">Unsigned</Badge>;
}

/** "12 ms", "1.4 s", "3 min" — processing and travel times span five orders of magnitude. */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return "—";
  if (ms < 1_000) return `${Math.max(0, Math.round(ms))} ms`;
  if (ms < 60_000) return `${(ms / 1_000).toFixed(1)} s`;
  return `${Math.round(ms / 60_000)} min`;
}
