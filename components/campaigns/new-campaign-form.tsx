"use client";

import { useActionState, useState } from "react";
import { createCampaignAction, type CampaignFormState } from "@/app/(dashboard)/migration/actions";
import { FormAlert } from "@/components/auth/form-alert";
import { SubmitButton } from "@/components/auth/submit-button";
import { fieldClass, Input } from "@/components/ui/input";
import { Label, Select } from "@/components/ui/select";

const initial: CampaignFormState = { error: null };

export function NewCampaignForm({ makes, errorCodes, defaultDeadline }: { makes: string[]; errorCodes: { key: string; label: string }[]; defaultDeadline: string }) {
  const [state, action] = useActionState(createCampaignAction, initial);
  const [kind, setKind] = useState<"all" | "make" | "error">("make");
  return (
    <form action={action} className="grid gap-4 p-5 md:grid-cols-2" aria-label="New campaign">
      <div>
        <Label htmlFor="campaign-name">Name</Label>
        <Input id="campaign-name" name="name" required placeholder="Ford platform migration, March" />
      </div>
      <div>
        <Label htmlFor="campaign-reason">Reason</Label>
        <Select id="campaign-reason" name="reason" defaultValue="oem_migration">
          <option value="oem_migration">OEM migration</option>
          <option value="credential_reset">Credential reset</option>
          <option value="other">Other</option>
        </Select>
      </div>
      <div>
        <Label htmlFor="campaign-selection">Vehicles</Label>
        <Select id="campaign-selection" name="selectionKind" value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
          <option value="make">By make</option>
          <option value="error">By error code</option>
          <option value="all">All connected vehicles</option>
        </Select>
      </div>
      {kind === "make" ? (
        <div>
          <Label htmlFor="campaign-make">Make</Label>
          <Select id="campaign-make" name="make" required>
            {makes.map((make) => (
              <option key={make} value={make}>
                {make}
              </option>
            ))}
          </Select>
        </div>
      ) : kind === "error" ? (
        <div>
          <Label htmlFor="campaign-error">Open error</Label>
          <Select id="campaign-error" name="errorKey" required>
            {errorCodes.length === 0 ? <option value="">No open errors</option> : null}
            {errorCodes.map((code) => (
              <option key={code.key} value={code.key}>
                {code.label}
              </option>
            ))}
          </Select>
        </div>
      ) : (
        <div />
      )}
      <div>
        <Label htmlFor="campaign-deadline">Deadline</Label>
        <Input id="campaign-deadline" name="deadline" type="date" required defaultValue={defaultDeadline} />
      </div>
      <div className="md:col-span-2">
        <Label htmlFor="campaign-message">Message to owners</Label>
        <textarea
          id="campaign-message"
          name="message"
          required
          rows={3}
          className={`${fieldClass} px-3`}
          defaultValue="Your car maker is moving to a new connected-services platform. Please sign in to your car maker account once more so Fleetdeck keeps working."
        />
      </div>
      <div className="md:col-span-2">
        <FormAlert message={state.error ?? undefined} />
      </div>
      <div className="md:col-span-2">
        <SubmitButton pendingLabel="Sending links…" className="w-auto">
          Start campaign and send links
        </SubmitButton>
      </div>
    </form>
  );
}
