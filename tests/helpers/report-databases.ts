import pg from "pg";

/**
 * vitest globalSetup: says once, at the top of the run, which databases the integration tests use
 * (PGlite always; PostgreSQL when one answers at TEST_DATABASE_URL), as the README promises.
 */
export default async function reportDatabases(): Promise<void> {
  const url = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_500 });
  let answers = false;
  try {
    await client.connect();
    await client.query("select 1");
    answers = true;
  } catch {
    answers = false;
  } finally {
    await client.end().catch(() => {});
  }
  const where = new URL(url);
  where.password = "";
  console.log(
    answers
      ? `integration databases: PGlite, PostgreSQL at ${where.host}${where.pathname}`
      : `integration databases: PGlite only (PostgreSQL did not answer at ${where.host}${where.pathname})`,
  );
}
