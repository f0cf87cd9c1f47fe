import "server-only";
import path from "node:path";
import type { MigrationSet } from "@/lib/db/migrate";

/** Applied after APP_MIGRATIONS, with its own bookkeeping table so both histories stay independent. */
export const SIMULATOR_MIGRATIONS: MigrationSet = {
  folder: path.join(/* turbopackIgnore: true */ process.cwd(), "drizzle", "simulator"),
  table: "__drizzle_migrations_simulator",
};
