import { requireRole } from "@/lib/auth/guards";

/** The role check sits outside the page's loading boundary, so a refusal is a real 403, not a streamed 200. */
export default async function ManagerOnlyLayout({ children }: { children: React.ReactNode }) {
  await requireRole("manager");
  return children;
}
