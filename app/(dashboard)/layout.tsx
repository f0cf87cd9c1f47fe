import { connection } from "next/server";
import { UserMenu } from "@/components/auth/user-menu";
import { LiveRefresh } from "@/components/live/live-refresh";
import { LiveUpdatesProvider } from "@/components/live/live-updates";
import { NotificationsBell } from "@/components/notifications/notifications-bell";
import { AppShell } from "@/components/shell/app-shell";
import { OwnerReconnectBanner } from "@/components/reauth/reconnect-banner";
import { requireUser } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  await connection();
  const user = await requireUser();
  const { smartcar } = getConfig();
  return (
    <LiveUpdatesProvider>
      <AppShell
        role={user.role}
        emulator={smartcar.mode === "emulator"}
        environment={smartcar.mode === "emulator" ? "Emulator" : "Live Smartcar"}
        account={<UserMenu user={user} variant="panel" />}
        compactAccount={<UserMenu user={user} variant="compact" />}
        headerActions={<NotificationsBell />}
      >
        {user.role === "owner" ? (
          <>
            <OwnerReconnectBanner ownerId={user.id} />
            {/* The banner follows the owner's own cars' errors, whatever page is open. */}
            <LiveRefresh kinds={["errors"]} batchMs={2_000} />
          </>
        ) : null}
        {children}
      </AppShell>
    </LiveUpdatesProvider>
  );
}
