import { defineConfig } from "drizzle-kit";

/** The emulator's tables get their own migration folder and migrations table (see lib/simulator/db/migrations.ts). */
export default defineConfig({
  dialect: "postgresql",
  schema: "./lib/simulator/db/schema.ts",
  out: "./drizzle/simulator",
});
