import { Badge, type BadgeTone } from "@/components/ui/badge";
import { VEHICLE_STATUS_DESCRIPTIONS, VEHICLE_STATUS_LABELS, type VehicleStatus } from "@/lib/fleet/vehicle-status";

export const VEHICLE_STATUS_TONES: Record<VehicleStatus, BadgeTone> = {
  needs_reconnect: "warn",
  error: "bad",
  charging: "info",
  online: "good",
  waiting: "brand",
  offline: "neutral",
  disconnected: "neutral",
};

export function VehicleStatusBadge({ status }: { status: VehicleStatus }) {
  return (
    <Badge tone={VEHICLE_STATUS_TONES[status]} dot title={VEHICLE_STATUS_DESCRIPTIONS[status]} data-status={status}>
      {VEHICLE_STATUS_LABELS[status]}
    </Badge>
  );
}
