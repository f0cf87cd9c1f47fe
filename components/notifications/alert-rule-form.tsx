"use client";

import { useActionState, useState } from "react";
import { createAlertRuleAction, type RuleFormState } from "@/app/(dashboard)/alerts/actions";
import { FormAlert } from "@/components/auth/form-alert";
import { SubmitButton } from "@/components/auth/submit-button";
import { Input } from "@/components/ui/input";
import { Label, Select } from "@/components/ui/select";
import { ALERT_KINDS, ALERT_RULE_KINDS, FLEET_EVENT_TYPES, type AlertRuleKind } from "@/lib/alerts/kinds";

export interface RuleFormChoices {
  role: "manager" | "owner";
  vehicles: { id: string; name: string }[];
  makes: string[];
  owners: { id: string; email: string }[];
  endpoints: { id: string; name: string }[];
  errorTypes: string[];
}

const DEFAULT_NAMES: Partial<Record<AlertRuleKind, string>> = { battery_below: "Battery below 20 %", webhook_success_rate: "Webhook success rate below 95 %" };

/** Creating an alert rule: what to watch (with its parameters), which vehicles, how often, where to send it. */
export function AlertRuleForm({ choices }: { choices: RuleFormChoices }) {
  const [state, action] = useActionState<RuleFormState, FormData>(createAlertRuleAction, { status: "idle" });
  const kinds = ALERT_RULE_KINDS.filter((kind) => choices.role === "manager" || !ALERT_KINDS[kind].managersOnly);
  const [kind, setKind] = useState<AlertRuleKind>("battery_below");
  const [scope, setScope] = useState<string>(choices.role === "owner" ? "owner" : "all");
  const definition = ALERT_KINDS[kind];
  const params = new Set(definition.params);
  const scopeOptions = choices.role === "manager" ? ["all", "make", "owner", "vehicle"] : ["owner", "vehicle"];
  const scopeLabels: Record<string, string> = { all: "Every vehicle", make: "One make", owner: choices.role === "owner" ? "All my vehicles" : "One owner's vehicles", vehicle: "One vehicle" };

  return (
    <form action={action} className="grid gap-4 p-5 sm:grid-cols-2" aria-label="New alert rule" key={state.status === "created" ? state.name : "form"}>
      <div className="sm:col-span-2">
        <FormAlert message={state.status === "error" ? state.message : undefined} />
        {state.status === "created" ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-200">
            Rule “{state.name}” is active.
          </p>
        ) : null}
      </div>
      <div>
        <Label htmlFor="rule-kind">Watch for</Label>
        <Select id="rule-kind" name="kind" value={kind} onChange={(event) => setKind(event.target.value as AlertRuleKind)}>
          {kinds.map((candidate) => (
            <option key={candidate} value={candidate}>
              {ALERT_KINDS[candidate].label}
            </option>
          ))}
        </Select>
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{definition.description}</p>
      </div>
      <div>
        <Label htmlFor="rule-name">Name</Label>
        <Input id="rule-name" name="name" required maxLength={120} defaultValue={DEFAULT_NAMES[kind] ?? definition.label} key={kind} />
      </div>
      {params.has("threshold") ? (
        <div>
          <Label htmlFor="rule-threshold">Threshold (%)</Label>
          <Input id="rule-threshold" name="threshold" type="number" min={1} max={99} required defaultValue={kind === "webhook_success_rate" ? 95 : 20} key={kind} />
        </div>
      ) : null}
      {params.has("hours") ? (
        <div>
          <Label htmlFor="rule-hours">For at least (hours)</Label>
          <Input id="rule-hours" name="hours" type="number" min={1} max={720} required defaultValue={6} />
        </div>
      ) : null}
      {params.has("windowMinutes") ? (
        <div>
          <Label htmlFor="rule-window">Over the last (minutes)</Label>
          <Input id="rule-window" name="windowMinutes" type="number" min={5} max={1440} required defaultValue={60} />
        </div>
      ) : null}
      {params.has("errorType") ? (
        <>
          <div>
            <Label htmlFor="rule-error-type">Smartcar error type</Label>
            <Select id="rule-error-type" name="errorType" required defaultValue="CONNECTED_SERVICES_ACCOUNT">
              {choices.errorTypes.map((type) => (
                <option key={type} value={type}>
                  {type}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="rule-error-code">Code (empty: any)</Label>
            <Input id="rule-error-code" name="errorCode" placeholder="e.g. AUTHENTICATION_FAILED" maxLength={60} />
          </div>
        </>
      ) : null}
      {params.has("eventType") ? (
        <div>
          <Label htmlFor="rule-event-type">Event</Label>
          <Select id="rule-event-type" name="eventType" required>
            {Object.entries(FLEET_EVENT_TYPES).map(([type, label]) => (
              <option key={type} value={type}>
                {label}
              </option>
            ))}
          </Select>
        </div>
      ) : null}
      {definition.fleetWide ? null : (
        <>
          <div>
            <Label htmlFor="rule-scope">Vehicles</Label>
            <Select id="rule-scope" name="scope" value={scope} onChange={(event) => setScope(event.target.value)}>
              {scopeOptions.map((option) => (
                <option key={option} value={option}>
                  {scopeLabels[option]}
                </option>
              ))}
            </Select>
          </div>
          {scope === "make" ? (
            <div>
              <Label htmlFor="rule-scope-value">Make</Label>
              <Select id="rule-scope-value" name="scopeValue" required>
                {choices.makes.map((make) => (
                  <option key={make} value={make}>
                    {make}
                  </option>
                ))}
              </Select>
            </div>
          ) : scope === "owner" && choices.role === "manager" ? (
            <div>
              <Label htmlFor="rule-scope-value">Owner</Label>
              <Select id="rule-scope-value" name="scopeValue" required>
                {choices.owners.map((owner) => (
                  <option key={owner.id} value={owner.id}>
                    {owner.email}
                  </option>
                ))}
              </Select>
            </div>
          ) : scope === "vehicle" ? (
            <div>
              <Label htmlFor="rule-scope-value">Vehicle</Label>
              <Select id="rule-scope-value" name="scopeValue" required>
                {choices.vehicles.map((vehicle) => (
                  <option key={vehicle.id} value={vehicle.id}>
                    {vehicle.name}
                  </option>
                ))}
              </Select>
            </div>
          ) : null}
        </>
      )}
      <div>
        <Label htmlFor="rule-quiet">Quiet period (minutes)</Label>
        <Input id="rule-quiet" name="quietMinutes" type="number" min={0} max={10080} defaultValue={60} aria-describedby="rule-quiet-help" />
        <p id="rule-quiet-help" className="mt-1 text-xs text-slate-500 dark:text-slate-400">
          After an alert, the same rule stays silent for that vehicle this long.
        </p>
      </div>
      {choices.role === "manager" ? (
        <div>
          <Label htmlFor="rule-recipients">Notify</Label>
          <Select id="rule-recipients" name="recipients" defaultValue="creator">
            <option value="creator">Me</option>
            <option value="managers">Every manager</option>
          </Select>
        </div>
      ) : null}
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">Channels</legend>
        <div className="flex flex-wrap gap-4 text-sm text-slate-700 dark:text-slate-300">
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" name="notifyInApp" defaultChecked className="size-4 rounded border-slate-300" /> In app (the bell)
          </label>
          <label className="inline-flex items-center gap-2">
            <input type="checkbox" name="notifyEmail" className="size-4 rounded border-slate-300" /> Email
          </label>
          {choices.endpoints.map((endpoint) => (
            <label key={endpoint.id} className="inline-flex items-center gap-2">
              <input type="checkbox" name="webhookEndpointIds" value={endpoint.id} className="size-4 rounded border-slate-300" /> Webhook: {endpoint.name}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="sm:col-span-2 sm:w-48">
        <SubmitButton pendingLabel="Saving…">Create rule</SubmitButton>
      </div>
    </form>
  );
}
