"use client";

import { PlugZap } from "lucide-react";
import { useActionState } from "react";
import { startConnectAction, type StartConnectState } from "@/app/(dashboard)/connect/actions";
import { Button } from "@/components/ui/button";

const MAKES = ["Tesla", "Ford", "Volkswagen", "Toyota", "Hyundai", "BMW", "Chevrolet", "Kia"];
const selectClass =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900";

export function ConnectVehicleForm({ owners }: { owners: { id: string; email: string; name: string | null }[] | null }) {
  const [state, action, pending] = useActionState<StartConnectState, FormData>(startConnectAction, { error: null });
  return (
    <form action={action} className="grid gap-5">
      {owners ? (
        <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
          Owner
          <select name="ownerId" required className={selectClass} defaultValue="">
            <option value="" disabled>
              Choose who the vehicle belongs to
            </option>
            {owners.map((owner) => (
              <option key={owner.id} value={owner.id}>
                {owner.name ? `${owner.name} (${owner.email})` : owner.email}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <label className="block text-sm font-medium text-slate-700 dark:text-slate-300">
        Brand <span className="font-normal text-slate-500 dark:text-slate-400">(optional — skips Smartcar&apos;s brand list)</span>
        <select name="make" className={selectClass} defaultValue="">
          <option value="">Choose on Smartcar</option>
          {MAKES.map((make) => (
            <option key={make} value={make.toUpperCase()}>
              {make}
            </option>
          ))}
        </select>
      </label>
      {state.error ? (
        <p data-testid="connect-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {state.error}
        </p>
      ) : null}
      <div>
        <Button type="submit" disabled={pending || (owners !== null && owners.length === 0)}>
          <PlugZap className="size-4" aria-hidden />
          {pending ? "Opening Smartcar…" : "Connect a vehicle"}
        </Button>
      </div>
    </form>
  );
}
