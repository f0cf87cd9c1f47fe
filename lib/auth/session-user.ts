import type { Role } from "./roles";

/** The signed-in person as every page, route handler and server action sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
}
