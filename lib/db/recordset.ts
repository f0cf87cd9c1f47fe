import "server-only";
import { sql } from "drizzle-orm";

/**
 * Many rows as one JSON parameter, expanded by json_to_recordset (the caller names the columns with
 * `as r(...)`): PostgreSQL and PGlite parse and plan this faster than a VALUES list with a parameter
 * per cell, and the rows come out in array order.
 */
export function recordset(records: object[]) {
  return sql`json_to_recordset(${JSON.stringify(records)}::json)`;
}
