import { Lock, ShieldCheck, Zap } from "lucide-react";
import type { Metadata } from "next";
import { ConnectVehicleForm } from "@/components/connect/connect-vehicle-form";
import { RequestedPermissions } from "@/components/connect/requested-permissions";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/guards";
import { listConnectableOwners } from "@/lib/connect/start";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { describeScope } from "@/lib/smartcar/permissions";

export const metadata: Metadata = { title: "Connect a vehicle" };

const POINTS = [
  { icon: Lock, text: "You sign in with your car maker's account on Smartcar's page. Fleetdeck never sees that password." },
  { icon: ShieldCheck, text: "You choose which cars to share and can see every permission before you allow it." },
  { icon: Zap, text: "Battery, charging, location and lock status appear in Fleetdeck as soon as you are done." },
];

export default async function ConnectPage() {
  const user = await requireRole("owner", "manager");
  const owners = user.role === "manager" ? await listConnectableOwners(getDb()) : null;
  return (
    <>
      <PageHeader
        title="Connect a vehicle"
        description={
          user.role === "manager"
            ? "Connect a car on behalf of one of your owners. They will need their car maker's login at hand."
            : "Link your car to Fleetdeck through Smartcar Connect. It takes about a minute."
        }
      />
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <Card className="p-6">
          {owners && owners.length === 0 ? (
            <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">There are no owners yet. Invite one from Settings first.</p>
          ) : null}
          <ConnectVehicleForm owners={owners} />
        </Card>
        <ul className="grid content-start gap-4 text-sm text-slate-600 dark:text-slate-400">
          {POINTS.map(({ icon: Icon, text }) => (
            <li key={text} className="flex gap-3">
              <Icon className="mt-0.5 size-4 shrink-0 text-brand-600" aria-hidden />
              {text}
            </li>
          ))}
        </ul>
        <Card className="p-6 lg:col-span-2">
          <RequestedPermissions permissions={describeScope(getConfig().smartcar.scope)} />
        </Card>
      </div>
    </>
  );
}
