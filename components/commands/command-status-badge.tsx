import { Loader2 } from "lucide-react";
import { Badge } from "@/components/ui/badge";
import { COMMAND_STATUS_LABELS, OPEN_COMMAND_STATUSES, type CommandStatus } from "@/lib/commands/kinds";

/** A command's state as a badge, spinning while it is still moving, the explanation on hover. */
export function CommandStatusBadge({ status }: { status: CommandStatus }) {
  const { label, tone, description } = COMMAND_STATUS_LABELS[status];
  return (
    <Badge tone={tone} title={description} data-testid="command-status" data-status={status}>
      {OPEN_COMMAND_STATUSES.includes(status) ? <Loader2 aria-hidden className="size-3 animate-spin" /> : null}
      {label}
    </Badge>
  );
}
