import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { parseReauthenticate } from "@/lib/simulator/connect";
import { getSimulator, simulatorEnabled } from "@/lib/simulator/runtime";
import { ConnectError, ConnectFrame, LoginFields, primaryButton } from "../../connect-frame";

export const metadata: Metadata = { title: "Smartcar Connect (emulator)" };

export default async function ReauthenticatePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  if (!simulatorEnabled()) notFound();
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(await searchParams)) if (typeof value === "string") query.set(key, value);
  const parsed = await parseReauthenticate(getSimulator().ctx, query);
  if (parsed.kind === "invalid") return <ConnectError message={parsed.message} />;
  if (parsed.kind === "redirect") {
    return (
      <ConnectFrame title="This request can't be completed">
        <a className={primaryButton} href={parsed.url}>
          Back to application
        </a>
      </ConnectFrame>
    );
  }
  const { vehicle } = parsed.request;
  const formQuery = new URLSearchParams(query);
  formQuery.delete("login_error");
  return (
    <ConnectFrame
      title={`Reconnect your ${vehicle.make}`}
      subtitle={`Sign in again to restore Fleetdeck's access to your ${vehicle.year} ${vehicle.model} (${vehicle.nickname}).`}
    >
      <form method="post" action="/sim/connect/oauth/submit" className="space-y-4">
        <input type="hidden" name="step" value="reauthenticate" />
        <input type="hidden" name="query" value={formQuery.toString()} />
        <LoginFields error={query.get("login_error") ?? undefined} />
        <button type="submit" className={primaryButton}>
          Continue
        </button>
      </form>
    </ConnectFrame>
  );
}
