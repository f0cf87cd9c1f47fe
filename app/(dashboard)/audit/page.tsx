import { Download, ScrollText } from "lucide-react";
import type { Metadata } from "next";
import { AuditEntryLine } from "@/components/audit/audit-entry-line";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { PageHeader } from "@/components/ui/page-header";
import { DateRangeFields, FilterButtons, FilterProblem } from "@/components/ui/list-filters";
import { PageLinks } from "@/components/ui/page-links";
import { Label, Select } from "@/components/ui/select";
import { AUDIT_ACTIONS, type AuditAction } from "@/lib/audit/actions";
import { auditFiltersQuery, parseAuditFilters, type AuditFilters } from "@/lib/audit/filters";
import { listAuditEntries } from "@/lib/audit/queries";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";

export const metadata: Metadata = { title: "Audit log" };

const FAMILIES = [...new Set(Object.keys(AUDIT_ACTIONS).map((action) => `${action.split(".")[0]}.`))];

function detailsText(details: Record<string, unknown> | null): string | null {
  if (!details) return null;
  const text = Object.entries(details)
    .filter(([, value]) => value !== null && value !== undefined && value !== "")
    .map(([key, value]) => `${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`)
    .join(" · ");
  return text || null;
}

/** Managers: everything people and Fleetdeck changed, with filters and CSV export. Append-only. */
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("manager");
  const parsed = parseAuditFilters(await searchParams);
  const filters: AuditFilters = parsed.success ? parsed.data : { page: 1, from: undefined, to: undefined, action: undefined, actor: undefined, target: undefined };
  const { rows, hasMore } = await listAuditEntries(getDb(), filters);
  const exportQuery = auditFiltersQuery({ ...filters, page: undefined });
  const filtered = exportQuery !== "";
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made by a person or by Fleetdeck: sign-ins, invitations, settings, connections, commands, campaigns, replays, acknowledgements, alert rules and reports. Entries are never changed or deleted, except by the retention setting (AUDIT_RETENTION_DAYS)."
        actions={
          <ButtonLink href={`/api/audit/export${exportQuery ? `?${exportQuery}` : ""}`} variant="secondary" prefetch={false} data-testid="audit-export">
            <Download aria-hidden className="size-4" />
            Export CSV
          </ButtonLink>
        }
      />
      <Card className="mb-6">
        <form method="get" className="grid grid-cols-2 gap-3 p-5 md:grid-cols-3 lg:grid-cols-6" aria-label="Audit filters">
          <div>
            <Label htmlFor="audit-actor">Actor</Label>
            <Input id="audit-actor" name="actor" defaultValue={filters.actor ?? ""} placeholder="Email" maxLength={200} />
          </div>
          <div>
            <Label htmlFor="audit-action">Action</Label>
            <Select id="audit-action" name="action" defaultValue={filters.action ?? ""}>
              <option value="">Any</option>
              <optgroup label="Families">
                {FAMILIES.map((family) => (
                  <option key={family} value={family}>
                    All {family.slice(0, -1).replace("_", " ")} actions
                  </option>
                ))}
              </optgroup>
              <optgroup label="Actions">
                {(Object.keys(AUDIT_ACTIONS) as AuditAction[]).map((action) => (
                  <option key={action} value={action}>
                    {AUDIT_ACTIONS[action]}
                  </option>
                ))}
              </optgroup>
            </Select>
          </div>
          <div>
            <Label htmlFor="audit-target">Target</Label>
            <Input id="audit-target" name="target" defaultValue={filters.target ?? ""} placeholder="Vehicle, person, rule…" maxLength={200} />
          </div>
          <div>
            <Label htmlFor="audit-outcome">Outcome</Label>
            <Select id="audit-outcome" name="outcome" defaultValue={filters.outcome ?? ""}>
              <option value="">Any</option>
              <option value="success">Success</option>
              <option value="failure">Failure</option>
              <option value="denied">Denied</option>
            </Select>
          </div>
          <DateRangeFields idPrefix="audit" from={filters.from} to={filters.to} />
          {filters.vehicle ? <input type="hidden" name="vehicle" value={filters.vehicle} /> : null}
          <FilterButtons clearHref="/audit" filtered={filtered} className="col-span-2 flex items-end gap-2 md:col-span-3 lg:col-span-6" />
        </form>
        {!parsed.success ? <FilterProblem message={parsed.error.issues[0]?.message} fallback="Showing the whole log instead." /> : null}
      </Card>
      <Card>
        {rows.length === 0 ? (
          <EmptyState icon={ScrollText} title={filtered ? "No entries match these filters" : "Nothing recorded yet"} description="Sign-ins, changes and commands appear here as they happen." />
        ) : (
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="audit-list">
            {rows.map((entry) => {
              const details = detailsText(entry.details);
              return (
                <li key={entry.id} className="px-5 py-3">
                  <AuditEntryLine entry={entry} showAddress />
                  {details ? <p className="mt-1 break-words font-mono text-xs text-slate-500 dark:text-slate-400">{details}</p> : null}
                </li>
              );
            })}
          </ul>
        )}
        <PageLinks page={filters.page} hasMore={hasMore} href={(page) => `/audit?${auditFiltersQuery({ ...filters, page })}`} label="Audit pages" />
      </Card>
    </>
  );
}
