export { getDb, getDatabaseHandle, openDatabase, pingDatabase } from "./client";
export type { Database, DatabaseHandle, DatabaseTarget } from "./client";
export * as schema from "./schema";
