import type { Metadata } from "next";
import { CircleCheck, PlugZap } from "lucide-react";
import { BulkCommandBar } from "@/components/commands/bulk-command-bar";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { VehiclesBrowser } from "@/components/vehicles/vehicles-browser";
import { requireUser, visibleVehiclesCondition } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { parseVehicleListQuery, serializeVehicleListQuery } from "@/lib/fleet/vehicle-list-query";
import { listVehicleMakes, listVehicles } from "@/lib/fleet/vehicle-list";

export const metadata: Metadata = { title: "Vehicles" };

export default async function VehiclesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const params = await searchParams;
  const query = parseVehicleListQuery(params);
  const justConnected = Number(params.connected) || 0;
  const db = getDb();
  const visibility = visibleVehiclesCondition(user);
  const [initialPage, makes] = await Promise.all([listVehicles(db, query, { visibility }), listVehicleMakes(db, visibility)]);
  return (
    <>
      <PageHeader
        title={user.role === "owner" ? "My vehicles" : "Vehicles"}
        description={
          user.role === "owner"
            ? "The vehicles you connected through Smartcar, with their status, battery and latest report."
            : "Every vehicle connected through Smartcar. Filter by make, status or battery; search by VIN, name or owner."
        }
        actions={
          user.role === "owner" || user.role === "manager" ? (
            <ButtonLink href="/connect">
              <PlugZap className="size-4" aria-hidden />
              Connect a vehicle
            </ButtonLink>
          ) : undefined
        }
      />
      {justConnected > 0 ? (
        <p role="status" className="mb-4 flex items-center gap-2 rounded-lg bg-emerald-50 px-4 py-3 text-sm text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-200">
          <CircleCheck className="size-4" aria-hidden />
          {justConnected === 1 ? "Your vehicle is connected." : `${justConnected} vehicles are connected.`}
        </p>
      ) : null}
      {user.role === "manager" ? <BulkCommandBar /> : null}
      <Card>
        <VehiclesBrowser initialSearch={serializeVehicleListQuery(query).toString()} initialPage={initialPage} makes={makes} showOwners={user.role !== "owner"} />
      </Card>
    </>
  );
}
