"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Lock, LockOpen, type LucideIcon, Zap, ZapOff } from "lucide-react";
import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { RelativeTime } from "@/components/ui/relative-time";
import type { CommandAvailability } from "@/lib/commands/capabilities";
import { COMMAND_LABELS, NEEDS_CONFIRMATION, OPEN_COMMAND_STATUSES, type CommandKind } from "@/lib/commands/kinds";
import type { VehicleCommandPanel } from "@/lib/commands/panel";
import { CommandList } from "./command-list";

const ICONS: Record<Exclude<CommandKind, "set_charge_limit">, LucideIcon> = { lock: Lock, unlock: LockOpen, start_charge: Zap, stop_charge: ZapOff };

class CommandRequestError extends Error {}

async function fetchPanel(vehicleId: string, signal: AbortSignal): Promise<VehicleCommandPanel> {
  const response = await fetch(`/api/vehicles/${vehicleId}/commands`, { signal, headers: { accept: "application/json" } });
  if (!response.ok) throw new CommandRequestError(`The commands could not be loaded (HTTP ${response.status}).`);
  return (await response.json()) as VehicleCommandPanel;
}

/** One intended command; the key is made once per click, so a retried request is recognised as the same one. */
interface Intent {
  command: CommandKind;
  percent?: number;
  idempotencyKey: string;
}

async function sendCommand(vehicleId: string, intent: Intent): Promise<void> {
  const response = await fetch(`/api/vehicles/${vehicleId}/commands`, {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(intent),
  });
  if (response.ok) return;
  const body = (await response.json().catch(() => null)) as { message?: string } | null;
  throw new CommandRequestError(body?.message ?? `The command was not accepted (HTTP ${response.status}).`);
}

function CommandButton({ kind, availability, busy, onClick }: { kind: Exclude<CommandKind, "set_charge_limit">; availability: CommandAvailability; busy: boolean; onClick: () => void }) {
  const reasonId = useId();
  const Icon = ICONS[kind];
  return (
    <span title={availability.reason ?? undefined} className="inline-flex">
      <Button
        variant="secondary"
        onClick={onClick}
        disabled={!availability.available || busy}
        aria-describedby={availability.reason ? reasonId : undefined}
        data-testid={`command-${kind}`}
      >
        <Icon aria-hidden className="size-4" />
        {COMMAND_LABELS[kind]}
      </Button>
      {availability.reason ? (
        <span id={reasonId} className="sr-only">
          {availability.reason}
        </span>
      ) : null}
    </span>
  );
}

function describeState(panel: VehicleCommandPanel) {
  const facts: { label: string; value: string; at: string | null; testId: string }[] = [];
  if (panel.state.locked) facts.push({ label: "Doors", value: panel.state.locked.value ? "Locked" : "Unlocked", at: panel.state.locked.at, testId: "state-locked" });
  if (panel.state.charging) facts.push({ label: "Charging", value: panel.state.charging.value ? "Charging" : "Not charging", at: panel.state.charging.at, testId: "state-charging" });
  if (panel.state.chargeLimit) facts.push({ label: "Charge limit", value: `${panel.state.chargeLimit.value} %`, at: panel.state.chargeLimit.at, testId: "state-charge-limit" });
  return facts;
}

/**
 * The vehicle page's remote commands: Lock, Unlock (confirmed first), Start/Stop charging and the
 * charge limit, each disabled with its reason when the car cannot take it; the car's reported state
 * and the latest commands, updated live as they move from requested to confirmed.
 */
export function VehicleCommands({ vehicleId, initial }: { vehicleId: string; initial: VehicleCommandPanel }) {
  const queryClient = useQueryClient();
  const panel = useQuery({
    queryKey: ["vehicle", vehicleId, "commands"],
    queryFn: ({ signal }) => fetchPanel(vehicleId, signal),
    initialData: initial,
    // Live notices drive updates; polling only covers a dropped event stream while a command moves.
    refetchInterval: (query) => (query.state.data?.commands.some((command) => OPEN_COMMAND_STATUSES.includes(command.status)) ? 5_000 : false),
  });
  const send = useMutation({
    mutationFn: (intent: Intent) => sendCommand(vehicleId, intent),
    // Network failures are retried with the same key: the server sends the command once.
    retry: (count, error) => count < 2 && !(error instanceof CommandRequestError),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["vehicle", vehicleId, "commands"] }),
  });
  const [confirming, setConfirming] = useState<CommandKind | null>(null);
  const data = panel.data;
  const { commands: availability, chargeLimit } = data.capabilities;
  const [limit, setLimit] = useState<string>(String(data.state.chargeLimit?.value ?? chargeLimit?.max ?? 80));
  const inFlight = send.isPending || data.commands.some((command) => command.status === "requested" || command.status === "sent");
  const fire = (command: CommandKind, percent?: number) => send.mutate({ command, percent, idempotencyKey: crypto.randomUUID() });
  const request = (command: CommandKind) => (NEEDS_CONFIRMATION.has(command) ? setConfirming(command) : fire(command));
  const limitNumber = Number(limit);
  const limitValid = chargeLimit !== null && Number.isInteger(limitNumber) && limitNumber >= chargeLimit.min && limitNumber <= chargeLimit.max;
  const facts = describeState(data);
  const reasons = [...new Set(Object.values(availability).map((command) => command.reason))];
  // When nothing can be sent for one reason, say it plainly rather than only on hover.
  const blocked = reasons.length === 1 && reasons[0] ? reasons[0] : null;

  return (
    <Card data-testid="vehicle-commands">
      <CardHeader title="Remote commands" description="Sent through Smartcar; confirmed when the car's next report shows the change." />
      <div className="space-y-4 px-5 py-4">
        {facts.length > 0 ? (
          <dl className="grid grid-cols-3 gap-2 text-sm">
            {facts.map((fact) => (
              <div key={fact.label}>
                <dt className="text-xs text-slate-500 dark:text-slate-400">{fact.label}</dt>
                <dd className="font-medium text-slate-900 dark:text-slate-100">
                  <span data-testid={fact.testId}>{fact.value}</span>
                  {fact.at ? <RelativeTime date={fact.at} className="block text-xs font-normal text-slate-500 dark:text-slate-400" /> : null}
                </dd>
              </div>
            ))}
          </dl>
        ) : null}
        {blocked ? (
          <p className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-500/10 dark:text-amber-200" data-testid="commands-blocked">
            {blocked}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-2">
          {(["lock", "unlock", "start_charge", "stop_charge"] as const).map((kind) => (
            <CommandButton key={kind} kind={kind} availability={availability[kind]} busy={inFlight} onClick={() => request(kind)} />
          ))}
        </div>
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (limitValid) fire("set_charge_limit", limitNumber);
          }}
        >
          <div className="w-28">
            <label htmlFor={`charge-limit-${vehicleId}`} className="mb-1 block text-xs font-medium text-slate-600 dark:text-slate-400">
              Charge limit (%)
            </label>
            <Input
              id={`charge-limit-${vehicleId}`}
              type="number"
              inputMode="numeric"
              min={chargeLimit?.min ?? 50}
              max={chargeLimit?.max ?? 100}
              step={1}
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
              disabled={!availability.set_charge_limit.available}
              aria-describedby={`charge-limit-range-${vehicleId}`}
            />
          </div>
          <span title={availability.set_charge_limit.reason ?? undefined} className="inline-flex">
            <Button type="submit" variant="secondary" disabled={!availability.set_charge_limit.available || !limitValid || inFlight} data-testid="command-set_charge_limit">
              {COMMAND_LABELS.set_charge_limit}
            </Button>
          </span>
          <p id={`charge-limit-range-${vehicleId}`} className="w-full text-xs text-slate-500 dark:text-slate-400">
            {availability.set_charge_limit.available && chargeLimit
              ? `This vehicle accepts ${chargeLimit.min}–${chargeLimit.max} %.`
              : blocked
                ? ""
                : (availability.set_charge_limit.reason ?? "")}
          </p>
        </form>
        {send.isError ? (
          <p role="status" data-testid="command-refused" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
            {send.error.message}
          </p>
        ) : null}
        <CommandList commands={data.commands} showVehicle={false} empty="No commands sent to this vehicle yet." />
      </div>
      <ConfirmDialog
        open={confirming !== null}
        title={`${confirming ? COMMAND_LABELS[confirming] : ""} ${data.vehicleName}?`}
        confirmLabel={confirming ? COMMAND_LABELS[confirming] : ""}
        onCancel={() => setConfirming(null)}
        onConfirm={() => {
          if (confirming) fire(confirming);
          setConfirming(null);
        }}
      >
        Anyone near the car can open it once it is unlocked. Smartcar sends the command to the car now.
      </ConfirmDialog>
    </Card>
  );
}
