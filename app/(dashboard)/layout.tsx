import { connection } from "next/server";
import { AppShell } from "@/components/shell/app-shell";
import { getConfig } from "@/lib/config";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const { smartcar } = getConfig();
  return <AppShell environment={smartcar.mode === "emulator" ? "Emulator" : "Live Smartcar"}>{children}</AppShell>;
}
