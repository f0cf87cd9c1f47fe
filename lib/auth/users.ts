import "server-only";
import { asc, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";
import { hashPassword } from "./passwords";
import type { Role } from "./roles";
import type { SessionUser } from "./session-user";

/** Accounts: lookups by id and email, the first-manager check, creation. */

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const sessionColumns = { id: users.id, email: users.email, name: users.name, role: users.role };

export async function findUserById(db: Database, id: string): Promise<SessionUser | undefined> {
  if (!UUID.test(id)) return undefined;
  const [user] = await db.select(sessionColumns).from(users).where(eq(users.id, id)).limit(1);
  return user;
}

export async function findUserByEmail(db: Database, email: string): Promise<(SessionUser & { passwordHash: string | null }) | undefined> {
  const [user] = await db
    .select({ ...sessionColumns, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, normalizeEmail(email)))
    .limit(1);
  return user;
}

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Once a manager exists the answer never goes back to "no" in normal operation, so only "yes" is
// remembered; every signed-out request before setup asks the database again.
const managerKnownToExist = new WeakSet<Database>();

export async function managerExists(db: Database): Promise<boolean> {
  if (managerKnownToExist.has(db)) return true;
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.role, "manager")).limit(1);
  if (row) managerKnownToExist.add(db);
  return Boolean(row);
}

export class EmailTakenError extends Error {
  constructor(readonly email: string) {
    super(`An account for ${email} already exists`);
    this.name = "EmailTakenError";
  }
}

export interface NewUser {
  email: string;
  name?: string | null;
  password: string;
  role: Role;
}

export async function createUser(db: Database, input: NewUser): Promise<SessionUser> {
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({ email, name: input.name?.trim() || null, passwordHash, role: input.role })
    .onConflictDoNothing({ target: users.email })
    .returning(sessionColumns);
  if (!created) throw new EmailTakenError(email);
  return created;
}

export class SetupAlreadyDoneError extends Error {
  constructor() {
    super("A manager already exists; sign in instead");
    this.name = "SetupAlreadyDoneError";
  }
}

/**
 * Creates the first manager. The transaction-scoped advisory lock makes two simultaneous setup
 * submissions (even on two instances) produce one manager, not two.
 */
export async function createFirstManager(db: Database, input: Omit<NewUser, "role">): Promise<SessionUser> {
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('fleetdeck:first-manager'))`);
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.role, "manager")).limit(1);
    if (existing) throw new SetupAlreadyDoneError();
    const email = normalizeEmail(input.email);
    const [created] = await tx
      .insert(users)
      .values({ email, name: input.name?.trim() || null, passwordHash, role: "manager" })
      .onConflictDoNothing({ target: users.email })
      .returning(sessionColumns);
    if (!created) throw new EmailTakenError(email);
    return created;
  });
}

export interface UserListItem extends SessionUser {
  createdAt: Date;
}

export async function listUsers(db: Database): Promise<UserListItem[]> {
  return db
    .select({ ...sessionColumns, createdAt: users.createdAt })
    .from(users)
    .orderBy(sql`case ${users.role} when 'manager' then 0 when 'owner' then 1 else 2 end`, asc(users.email));
}
