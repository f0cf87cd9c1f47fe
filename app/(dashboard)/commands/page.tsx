import { Send } from "lucide-react";
import type { Metadata } from "next";
import { CommandList } from "@/components/commands/command-list";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { LiveRefresh } from "@/components/live/live-refresh";
import { PageHeader } from "@/components/ui/page-header";
import { DateRangeFields, FilterButtons, FilterProblem } from "@/components/ui/list-filters";
import { PageLinks } from "@/components/ui/page-links";
import { Label, Select } from "@/components/ui/select";
import { requireUser } from "@/lib/auth/guards";
import { COMMAND_KINDS, COMMAND_NOUNS, COMMAND_STATUS_LABELS, COMMAND_STATUSES } from "@/lib/commands/kinds";
import { listCommands, parseCommandFilters, type CommandFilters } from "@/lib/commands/views";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Commands" };

function query(filters: Partial<CommandFilters>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value !== undefined && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
  const text = params.toString();
  return text ? `/commands?${text}` : "/commands";
}

/** Every remote command the user may see (owners: their own vehicles'), newest first, with filters. */
export default async function CommandsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser();
  const parsed = parseCommandFilters(await searchParams);
  const filters: CommandFilters = parsed.success ? parsed.data : { page: 1, from: undefined, to: undefined };
  const { rows, hasMore } = await listCommands(getDb(), user, filters);
  const filtered = Boolean(filters.status || filters.kind || filters.q || filters.from || filters.to || filters.vehicle || filters.bulk);
  return (
    <>
      <LiveRefresh kinds={["command"]} batchMs={2_000} />
      <PageHeader
        title="Commands"
        description="Lock, unlock and charging commands sent to the fleet: who asked, which Smartcar API carried them, and whether the car confirmed the change. Send them from a vehicle's page, or to many vehicles from the vehicle list."
      />
      <Card className="mb-6">
        <form method="get" className="grid grid-cols-2 gap-3 p-5 md:grid-cols-3 lg:grid-cols-6" aria-label="Command filters">
          <div className="col-span-2">
            <Label htmlFor="command-q">Search</Label>
            <Input id="command-q" name="q" defaultValue={filters.q ?? ""} placeholder="Vehicle, VIN or requester" maxLength={100} />
          </div>
          <div>
            <Label htmlFor="command-status">Status</Label>
            <Select id="command-status" name="status" defaultValue={filters.status ?? ""}>
              <option value="">Any</option>
              {COMMAND_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {COMMAND_STATUS_LABELS[status].label}
                </option>
              ))}
            </Select>
          </div>
          <div>
            <Label htmlFor="command-kind">Command</Label>
            <Select id="command-kind" name="kind" defaultValue={filters.kind ?? ""}>
              <option value="">Any</option>
              {COMMAND_KINDS.map((kind) => (
                <option key={kind} value={kind}>
                  {COMMAND_NOUNS[kind]}
                </option>
              ))}
            </Select>
          </div>
          <DateRangeFields idPrefix="command" from={filters.from} to={filters.to} />
          {filters.vehicle ? <input type="hidden" name="vehicle" value={filters.vehicle} /> : null}
          {filters.bulk ? <input type="hidden" name="bulk" value={filters.bulk} /> : null}
          <FilterButtons clearHref="/commands" filtered={filtered} className="col-span-2 flex items-end gap-2 md:col-span-3 lg:col-span-6" />
        </form>
        {!parsed.success ? <FilterProblem message={parsed.error.issues[0]?.message} fallback="Showing all commands instead." /> : null}
      </Card>
      {filters.bulk || filters.vehicle ? (
        <p className="mb-3 text-sm text-slate-600 dark:text-slate-400" data-testid="command-scope">
          Showing the commands of {filters.bulk ? "one bulk action" : "one vehicle"}.{" "}
          <a href="/commands" className="font-medium text-brand-700 hover:underline dark:text-brand-300">
            Show all
          </a>
        </p>
      ) : null}
      <Card>
        {rows.length === 0 ? (
          <EmptyState
            icon={Send}
            title={filtered ? "No commands match these filters" : "No commands yet"}
            description={user.role === "viewer" ? "Commands managers and owners send appear here." : "Open a vehicle to lock, unlock or control its charging; its commands appear here."}
          />
        ) : (
          <div className="px-5 py-2">
            <CommandList commands={rows} showVehicle empty="" />
          </div>
        )}
        <PageLinks page={filters.page} hasMore={hasMore} href={(page) => query({ ...filters, page })} label="Command pages" />
      </Card>
    </>
  );
}
