import type { Metadata } from "next";
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
  const query = parseVehicleListQuery(await searchParams);
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
      />
      <Card>
        <VehiclesBrowser initialSearch={serializeVehicleListQuery(query).toString()} initialPage={initialPage} makes={makes} showOwners={user.role !== "owner"} />
      </Card>
    </>
  );
}
