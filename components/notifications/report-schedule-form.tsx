"use client";

import { useActionState } from "react";
import { createScheduleAction, type ScheduleFormState } from "@/app/(dashboard)/reports/actions";
import { FormAlert } from "@/components/auth/form-alert";
import { SubmitButton } from "@/components/auth/submit-button";
import { Input } from "@/components/ui/input";
import { Label, Select } from "@/components/ui/select";

/** A new weekly or monthly fleet report and who receives it (managers and viewers). */
export function ReportScheduleForm({ people }: { people: { id: string; email: string; role: string }[] }) {
  const [state, action] = useActionState<ScheduleFormState, FormData>(createScheduleAction, { status: "idle" });
  return (
    <form action={action} className="grid gap-4 p-5 sm:grid-cols-2" aria-label="New report schedule" key={state.status === "created" ? state.name : "form"}>
      <div className="sm:col-span-2">
        <FormAlert message={state.status === "error" ? state.message : undefined} />
        {state.status === "created" ? (
          <p role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-200">
            “{state.name}” is scheduled.
          </p>
        ) : null}
      </div>
      <div>
        <Label htmlFor="report-name">Name</Label>
        <Input id="report-name" name="name" required maxLength={120} defaultValue="Weekly fleet report" />
      </div>
      <div>
        <Label htmlFor="report-frequency">Every</Label>
        <Select id="report-frequency" name="frequency" defaultValue="weekly">
          <option value="weekly">Week (Mondays, 06:00 UTC, the 7 days before)</option>
          <option value="monthly">Month (the 1st, 06:00 UTC, the month before)</option>
        </Select>
      </div>
      <fieldset className="sm:col-span-2">
        <legend className="mb-1 text-xs font-medium text-slate-600 dark:text-slate-400">Recipients</legend>
        <div className="flex flex-wrap gap-x-5 gap-y-2 text-sm text-slate-700 dark:text-slate-300">
          {people.map((person) => (
            <label key={person.id} className="inline-flex items-center gap-2">
              <input type="checkbox" name="recipientIds" value={person.id} className="size-4 rounded border-slate-300" /> {person.email} <span className="text-xs text-slate-500">({person.role})</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="sm:col-span-2 sm:w-48">
        <SubmitButton pendingLabel="Saving…">Schedule report</SubmitButton>
      </div>
    </form>
  );
}
