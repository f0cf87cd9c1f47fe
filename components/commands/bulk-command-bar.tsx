"use client";

import { useMutation } from "@tanstack/react-query";
import { Send } from "lucide-react";
import Link from "next/link";
import { useSearchParams } from "next/navigation";
import { useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Input } from "@/components/ui/input";
import { Label, Select } from "@/components/ui/select";
import { COMMAND_KINDS, COMMAND_LABELS, type CommandKind } from "@/lib/commands/kinds";

interface Preview {
  total: number;
  eligible: number;
  skipped: { reason: string; count: number }[];
  truncated: boolean;
}

interface Sent {
  bulkId: string;
  commandIds: string[];
  refused: { vehicleName: string; message: string }[];
}

async function post<T>(body: unknown): Promise<T> {
  const response = await fetch("/api/commands/bulk", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = (await response.json().catch(() => null)) as ({ message?: string } & T) | null;
  if (!response.ok) throw new Error(json?.message ?? `The bulk command was not accepted (HTTP ${response.status}).`);
  return json as T;
}

/**
 * Managers' bulk action on the vehicle list: one command to every vehicle the list's current filters
 * select. "Review" asks the server how many can take it (and why the others cannot); the manager
 * confirms that count, and a changed selection is refused rather than sent.
 */
export function BulkCommandBar() {
  const searchParams = useSearchParams();
  const filters = Object.fromEntries(["q", "make", "status", "battery"].flatMap((name) => (searchParams.get(name) ? [[name, searchParams.get(name)!]] : [])));
  const [command, setCommand] = useState<CommandKind>("lock");
  const [percent, setPercent] = useState("80");
  const intent = useRef<string>(crypto.randomUUID());
  const [preview, setPreview] = useState<Preview | null>(null);
  const request = () => ({ command, percent: command === "set_charge_limit" ? Number(percent) : undefined, idempotencyKey: intent.current, filters });
  const review = useMutation({
    mutationFn: () => post<{ preview: Preview }>(request()),
    onSuccess: (result) => setPreview(result.preview),
  });
  const send = useMutation({
    mutationFn: (confirmedCount: number) => post<Sent>({ ...request(), confirmedCount }),
    onSettled: () => {
      setPreview(null);
      intent.current = crypto.randomUUID();
    },
  });
  const described = Object.keys(filters).length > 0 ? "the vehicles matching the current filters" : "every vehicle in the fleet";

  return (
    <section aria-label="Bulk command" className="mb-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900" data-testid="bulk-commands">
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={(event) => {
          event.preventDefault();
          send.reset();
          review.mutate();
        }}
      >
        <div>
          <Label htmlFor="bulk-command">Command for {described}</Label>
          <Select id="bulk-command" value={command} onChange={(event) => setCommand(event.target.value as CommandKind)}>
            {COMMAND_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {COMMAND_LABELS[kind]}
              </option>
            ))}
          </Select>
        </div>
        {command === "set_charge_limit" ? (
          <div className="w-28">
            <Label htmlFor="bulk-percent">Limit (%)</Label>
            <Input id="bulk-percent" type="number" min={50} max={100} value={percent} onChange={(event) => setPercent(event.target.value)} />
          </div>
        ) : null}
        <Button type="submit" variant="secondary" disabled={review.isPending || send.isPending}>
          <Send aria-hidden className="size-4" />
          {review.isPending ? "Checking…" : "Review bulk command"}
        </Button>
        {review.isError ? <p role="status" className="text-sm text-red-600 dark:text-red-400">{review.error.message}</p> : null}
        {send.isError ? <p role="status" className="text-sm text-red-600 dark:text-red-400">{send.error.message}</p> : null}
        {send.isSuccess ? (
          <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300" data-testid="bulk-result">
            {send.data.commandIds.length} commands sent{send.data.refused.length ? `, ${send.data.refused.length} refused` : ""}.{" "}
            <Link className="font-medium underline" href={`/commands?bulk=${send.data.bulkId}`}>
              Follow them
            </Link>
          </p>
        ) : null}
      </form>
      <ConfirmDialog
        open={preview !== null}
        title={preview && preview.eligible > 0 ? `${COMMAND_LABELS[command]} ${preview.eligible} ${preview.eligible === 1 ? "vehicle" : "vehicles"}?` : "No vehicle can take this command"}
        confirmLabel={preview ? `${COMMAND_LABELS[command]} ${preview.eligible}` : ""}
        busy={send.isPending || (preview?.eligible ?? 0) === 0}
        onCancel={() => setPreview(null)}
        onConfirm={() => preview && send.mutate(preview.eligible)}
      >
        {preview ? (
          <div className="space-y-2" data-testid="bulk-preview">
            <p>
              {preview.eligible} of {preview.total} selected vehicles can take it{preview.truncated ? " (the first 500 of the selection)" : ""}.
            </p>
            {preview.skipped.length > 0 ? (
              <ul className="list-disc space-y-1 pl-5">
                {preview.skipped.map((skip) => (
                  <li key={skip.reason}>
                    {skip.count} skipped: {skip.reason}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
