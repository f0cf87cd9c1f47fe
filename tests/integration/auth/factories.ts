import { hashPassword } from "@/lib/auth/passwords";
import type { Role } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import type { Database } from "@/lib/db";
import { users } from "@/lib/db/schema";

let counter = 0;

/** A user with a cheap (cost 4) hash: bcrypt's cost travels in the hash, so checking it stays fast in tests. */
export async function insertUser(db: Database, overrides: { email?: string; role?: Role; password?: string } = {}): Promise<SessionUser> {
  counter += 1;
  const [user] = await db
    .insert(users)
    .values({
      email: overrides.email ?? `person${counter}@example.test`,
      role: overrides.role ?? "owner",
      passwordHash: await hashPassword(overrides.password ?? "right password", 4),
    })
    .returning({ id: users.id, email: users.email, name: users.name, role: users.role });
  return user!;
}
