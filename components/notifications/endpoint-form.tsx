"use client";

import { useActionState } from "react";
import { createEndpointAction, type EndpointFormState } from "@/app/(dashboard)/alerts/actions";
import { FormAlert } from "@/components/auth/form-alert";
import { SubmitButton } from "@/components/auth/submit-button";
import { Input } from "@/components/ui/input";
import { Label, Select } from "@/components/ui/select";

/** Adding an outbound webhook endpoint; its signing secret is shown here once and never again. */
export function EndpointForm() {
  const [state, action] = useActionState<EndpointFormState, FormData>(createEndpointAction, { status: "idle" });
  return (
    <div className="p-5">
      {state.status === "created" ? (
        <div role="status" className="mb-4 rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 dark:bg-emerald-500/10 dark:text-emerald-100" data-testid="endpoint-secret">
          <p className="font-medium">“{state.name}” added. Its signing secret, shown only now:</p>
          <code className="mt-2 block break-all rounded bg-white px-2 py-1 font-mono text-xs text-slate-900 dark:bg-slate-900 dark:text-slate-100" data-testid="endpoint-secret-value">
            {state.secret}
          </code>
          <p className="mt-2 text-xs">
            Verify each delivery: <span className="font-mono">Fleetdeck-Signature: t=…,v1=…</span> is the hex HMAC-SHA256 of <span className="font-mono">{"`${t}.${body}`"}</span> with this secret.
          </p>
        </div>
      ) : null}
      <form action={action} className="grid gap-4 sm:grid-cols-[1fr_2fr_auto_auto]" aria-label="New webhook endpoint">
        <div className="sm:col-span-4">
          <FormAlert message={state.status === "error" ? state.message : undefined} />
        </div>
        <div>
          <Label htmlFor="endpoint-name">Name</Label>
          <Input id="endpoint-name" name="name" required maxLength={120} placeholder="Ops channel" />
        </div>
        <div>
          <Label htmlFor="endpoint-url">URL</Label>
          <Input id="endpoint-url" name="url" type="url" required maxLength={2000} placeholder="https://hooks.example.com/fleetdeck" />
        </div>
        <div>
          <Label htmlFor="endpoint-format">Payload</Label>
          <Select id="endpoint-format" name="format" defaultValue="json">
            <option value="json">Fleetdeck JSON</option>
            <option value="slack">Slack-compatible</option>
          </Select>
        </div>
        <div className="flex items-end">
          <SubmitButton pendingLabel="Adding…" className="w-auto px-4">
            Add endpoint
          </SubmitButton>
        </div>
      </form>
    </div>
  );
}
