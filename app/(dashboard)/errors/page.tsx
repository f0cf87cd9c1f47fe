import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { ErrorFiltersForm } from "@/components/errors/error-filters-form";
import { ErrorGroupCard } from "@/components/errors/error-group-card";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { groupErrorRecords, listErrorMakes, listErrorRecords } from "@/lib/errors/error-center";
import { parseErrorFilters } from "@/lib/errors/filters";
import { LiveRefresh } from "@/components/live/live-refresh";

export const metadata: Metadata = { title: "Errors" };

export default async function ErrorsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const filters = parseErrorFilters(await searchParams);
  const db = getDb();
  const [records, makes] = await Promise.all([listErrorRecords(db, user, filters), listErrorMakes(db)]);
  const groups = groupErrorRecords(records, filters.sort);
  const filtered = Object.entries(filters).some(([key, value]) => value !== undefined && !(key === "state" && value === "open") && !(key === "sort"));
  return (
    <>
      <LiveRefresh kinds={["errors"]} batchMs={2_000} />
      <PageHeader
        title="Errors"
        description="Errors from Smartcar webhooks and Fleetdeck's own API calls, grouped by type and code, with what they mean and what to do. They close by themselves when the cause clears."
      />
      <Card className="mb-6">
        <ErrorFiltersForm filters={filters} makes={makes} />
      </Card>
      <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="error-summary">
        {records.length} {filters.state === "open" ? "open " : ""}
        {records.length === 1 ? "error" : "errors"} in {groups.length} {groups.length === 1 ? "group" : "groups"}
      </p>
      {groups.length === 0 ? (
        <Card>
          <EmptyState
            icon={ShieldCheck}
            title={filtered ? "No errors match these filters" : "No open errors"}
            description="Errors from webhooks and API calls show up here with the recommended resolution."
          />
        </Card>
      ) : (
        <div className="space-y-4">
          {groups.map((group) => (
            <ErrorGroupCard key={group.key} group={group} canAcknowledge={user.role === "manager"} />
          ))}
        </div>
      )}
    </>
  );
}
