import { AlertTriangle, Car, PlugZap, RefreshCcw, Webhook } from "lucide-react";
import type { Metadata } from "next";
import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";
import { getDb } from "@/lib/db";
import { getFleetOverview } from "@/lib/fleet/overview";

export const metadata: Metadata = { title: "Fleet" };

export default async function FleetPage() {
  await connection();
  const overview = await getFleetOverview(getDb());
  return (
    <>
      <PageHeader
        title="Fleet overview"
        description="Every connected vehicle at a glance: what needs attention, what is charging and how fresh the data is."
      />
      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="Connected vehicles" value={overview.vehicles} icon={Car} href="/vehicles" />
        <Stat label="Need reconnect" value={overview.needsReconnect} icon={RefreshCcw} href="/reconnect" tone={overview.needsReconnect ? "warn" : "good"} />
        <Stat label="Open errors" value={overview.openErrors} icon={AlertTriangle} href="/errors" tone={overview.openErrors ? "bad" : "good"} />
        <Stat label="Webhook deliveries (24 h)" value={overview.deliveriesLast24h} icon={Webhook} href="/webhooks" />
      </div>
      {overview.vehicles === 0 ? (
        <Card className="mt-8">
          <CardHeader title="Vehicles" description="Live status of the fleet appears here once cars are connected." />
          <EmptyState
            icon={PlugZap}
            title="No vehicles connected yet"
            description="Vehicle owners connect their cars through Smartcar Connect. Once connected, battery, charging, location and diagnostics stream in through webhooks."
            action={<ButtonLink href="/vehicles">Go to vehicles</ButtonLink>}
          />
        </Card>
      ) : null}
    </>
  );
}
