import type { NextRequest } from "next/server";
import { authorizeRequest } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { errorRecordsCsv, listErrorRecords } from "@/lib/errors/error-center";
import { parseErrorFilters } from "@/lib/errors/filters";

/** CSV of the error records the error center shows for the same filters (every record, not just groups). */
export async function GET(request: NextRequest) {
  const user = await authorizeRequest();
  if (user instanceof Response) return user;
  const filters = parseErrorFilters(request.nextUrl.searchParams);
  const csv = errorRecordsCsv(await listErrorRecords(getDb(), user, filters));
  const stamp = new Date().toISOString().slice(0, 10);
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="fleetdeck-errors-${filters.state}-${stamp}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
