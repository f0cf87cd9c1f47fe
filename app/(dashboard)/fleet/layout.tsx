import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/guards";

/**
 * An owner's home is their own vehicles. Decided here, outside the page's loading boundary, so the
 * owner gets a real redirect rather than a streamed page that redirects afterwards.
 */
export default async function FleetLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  if (user.role === "owner") redirect("/vehicles");
  return children;
}
