import type { Metadata } from "next";
import { connection } from "next/server";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { requireRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { enabledFeatures, scopeForFeatures } from "@/lib/smartcar/permissions";

export const metadata: Metadata = { title: "Settings" };

function Row({ label, value }: { label: string; value: string }) {
  return (
    <div className="grid gap-1 px-5 py-3 sm:grid-cols-3">
      <dt className="text-sm font-medium text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="break-all font-mono text-sm text-slate-900 sm:col-span-2 dark:text-slate-100">{value}</dd>
    </div>
  );
}

export default async function SettingsPage() {
  await connection();
  // Instance configuration is the managers' page; the navigation offers it to them only.
  await requireRole("manager");
  const config = getConfig();
  return (
    <>
      <PageHeader title="Settings" description="How this instance is configured. Values come from the environment; secrets are never shown." actions={<ButtonLink href="/settings/people" variant="secondary">People and invitations</ButtonLink>} />
      <div className="grid gap-6">
        <Card>
          <CardHeader title="Smartcar" />
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <Row label="Mode" value={config.smartcar.mode === "emulator" ? "Built-in emulator" : "Live Smartcar"} />
            <Row label="Client ID" value={config.smartcar.clientId} />
            <Row label="Redirect URI" value={config.smartcar.redirectUri} />
            <Row label="Webhook URL" value={config.smartcar.webhookUrl} />
            <Row
              label="Features"
              value={`${enabledFeatures(config.smartcar.features).map((feature) => feature.label).join(", ")}${
                config.smartcar.scope.join(" ") === scopeForFeatures(config.smartcar.features).join(" ") ? "" : " (permissions overridden by SMARTCAR_SCOPE)"
              }`}
            />
            <Row label="Permissions" value={config.smartcar.scope.join(" ")} />
          </dl>
        </Card>
        <Card>
          <CardHeader title="Instance" />
          <dl className="divide-y divide-slate-100 dark:divide-slate-800">
            <Row label="Database" value={config.database.kind === "pglite" ? `Embedded PGlite (${config.database.dataDir})` : "PostgreSQL"} />
            <Row label="Public URL" value={config.appUrl} />
            <Row label="Version" value={config.version} />
          </dl>
        </Card>
      </div>
    </>
  );
}
