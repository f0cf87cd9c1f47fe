import Link from "next/link";
import { Card, CardHeader } from "@/components/ui/card";
import { vehicleActivity } from "@/lib/audit/queries";
import { canSeeVehicle, getSessionUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AuditEntryLine } from "./audit-entry-line";

/** The vehicle page's activity: what people and Fleetdeck did to this vehicle (managers and its owners). */
export async function VehicleActivity({ vehicleId }: { vehicleId: string }) {
  const user = await getSessionUser();
  if (!user || user.role === "viewer") return null;
  const db = getDb();
  if (!(await canSeeVehicle(db, user, vehicleId))) return null;
  const entries = await vehicleActivity(db, vehicleId);
  return (
    <Card className="mt-6" data-testid="vehicle-activity">
      <CardHeader
        title="Activity"
        description="Commands, reconnects and other changes to this vehicle, newest first."
        action={
          user.role === "manager" ? (
            <Link href={`/audit?vehicle=${vehicleId}`} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-300">
              Full log
            </Link>
          ) : undefined
        }
      />
      {entries.length === 0 ? (
        <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">Nothing recorded for this vehicle yet.</p>
      ) : (
        <ul className="divide-y divide-slate-100 px-5 dark:divide-slate-800">
          {entries.map((entry) => (
            <li key={entry.id} className="py-2.5">
              <AuditEntryLine entry={entry} showAddress={user.role === "manager"} />
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
