/** The three roles and what each may do; safe to import from client components (no secrets here). */

export const ROLES = ["manager", "owner", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  manager: "Manager",
  owner: "Owner",
  viewer: "Viewer",
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  manager: "Sees and acts on the whole fleet, invites people",
  owner: "Sees and acts only on the vehicles they connected",
  viewer: "Read-only view of the whole fleet",
};

/** Roles a manager may hand out by invitation; further managers are not created by link. */
export const INVITABLE_ROLES = ["owner", "viewer"] as const satisfies readonly Role[];
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}
