import { auditFiltersQuery, parseAuditFilters } from "@/lib/audit/filters";
import { auditCsvStream } from "@/lib/audit/queries";
import { auditRequest } from "@/lib/audit/request";
import { authorizeRequest } from "@/lib/auth/guards";
import { invalid } from "@/lib/commands/http";
import { getDb } from "@/lib/db";

/** GET /api/audit/export?actor&action&target&vehicle&outcome&from&to — managers only; every matching entry as CSV, streamed. */
export async function GET(request: Request) {
  const user = await authorizeRequest("manager");
  if (user instanceof Response) return user;
  const parsed = parseAuditFilters(new URL(request.url).searchParams);
  if (!parsed.success) return invalid(parsed.error);
  const filters = { ...parsed.data, page: undefined };
  await auditRequest({ action: "audit.export", actor: { type: "user", id: user.id, label: user.email }, details: { filters: auditFiltersQuery(filters) } });
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(auditCsvStream(getDb(), filters), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="fleetdeck-audit-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
