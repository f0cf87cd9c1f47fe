import { Truck } from "lucide-react";
import type { Metadata } from "next";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Migration" };

export default function MigrationPage() {
  return (
    <>
      <PageHeader title="Migration" description="Move vehicles from legacy v2 per-vehicle tokens to v3 application tokens, and run re-authentication campaigns for OEM migrations." />
      <Card>
        <EmptyState icon={Truck} title="No campaigns yet" description="A campaign notifies the owners of the vehicles you pick and follows each one from notified to reconnected." />
      </Card>
    </>
  );
}
