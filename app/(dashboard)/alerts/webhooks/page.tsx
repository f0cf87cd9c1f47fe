import { Webhook } from "lucide-react";
import type { Metadata } from "next";
import { AlertsTabs } from "@/components/notifications/alerts-tabs";
import { AutoRefresh } from "@/components/notifications/auto-refresh";
import { EndpointForm } from "@/components/notifications/endpoint-form";
import { Badge } from "@/components/ui/badge";
import { ActionButton } from "@/components/ui/action-button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { listEndpointDeliveries, listEndpoints } from "@/lib/alerts/endpoints";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { deleteEndpointAction, sendTestWebhookAction } from "../actions";

export const metadata: Metadata = { title: "Webhook endpoints" };

const STATUS = { pending: { tone: "info", label: "Pending" }, delivered: { tone: "good", label: "Delivered" }, failed: { tone: "bad", label: "Failed" } } as const;

/** Managers: where alerts go outside Fleetdeck, a test button, and every delivery attempt's result. */
export default async function WebhookEndpointsPage() {
  const user = await requireRole("manager");
  const db = getDb();
  const [endpoints, deliveries] = await Promise.all([listEndpoints(db), listEndpointDeliveries(db, { limit: 50 })]);
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Outbound webhooks send alerts to other systems as signed JSON (or Slack-compatible) POSTs, retried with backoff. Private and local addresses are refused unless the operator allows them (OUTBOUND_WEBHOOK_ALLOW_PRIVATE)."
      />
      <AlertsTabs current="/alerts/webhooks" role={user.role} />
      <AutoRefresh active={deliveries.some((delivery) => delivery.status === "pending")} />
      <div className="grid gap-6">
        <Card>
          <CardHeader title="Endpoints" />
          {endpoints.length === 0 ? (
            <EmptyState icon={Webhook} title="No endpoints yet" description="Add one below, then choose it as a channel on alert rules." />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="endpoints">
              {endpoints.map((endpoint) => (
                <li key={endpoint.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-5 py-3" data-testid="endpoint">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900 dark:text-slate-100">
                      {endpoint.name} <Badge tone="neutral">{endpoint.format === "slack" ? "Slack-compatible" : "JSON"}</Badge>
                    </p>
                    <p className="break-all font-mono text-xs text-slate-500 dark:text-slate-400">{endpoint.url}</p>
                    <p className="text-xs text-slate-500 dark:text-slate-400">
                      {endpoint.delivered} delivered · {endpoint.failed} failed · {endpoint.pending} pending
                    </p>
                  </div>
                  <ActionButton action={sendTestWebhookAction} fields={{ endpointId: endpoint.id }} label="Send test" ariaLabel={`Send test to ${endpoint.name}`} tone="secondary" />
                  <ActionButton action={deleteEndpointAction} fields={{ endpointId: endpoint.id }} label="Remove" ariaLabel={`Remove endpoint ${endpoint.name}`} tone="danger" />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader title="New endpoint" />
          <EndpointForm />
        </Card>
        <Card>
          <CardHeader title="Delivery log" description="The latest 50 deliveries: the exact body sent, the answer, the attempts." />
          {deliveries.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">Nothing sent yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="endpoint-deliveries">
              {deliveries.map((delivery) => (
                <li key={delivery.id} className="px-5 py-2.5 text-sm" data-testid="endpoint-delivery" data-status={delivery.status}>
                  <details>
                    <summary className="flex cursor-pointer flex-wrap items-center gap-x-3 gap-y-1">
                      <Badge tone={STATUS[delivery.status].tone}>{STATUS[delivery.status].label}</Badge>
                      <span className="font-mono text-xs">{delivery.eventType}</span>
                      <span className="text-slate-700 dark:text-slate-300">{delivery.endpointName}</span>
                      <span className="text-xs text-slate-500 dark:text-slate-400">
                        {delivery.attempts} {delivery.attempts === 1 ? "attempt" : "attempts"}
                        {delivery.lastStatusCode ? ` · HTTP ${delivery.lastStatusCode}` : ""}
                        {delivery.lastDurationMs !== null ? ` · ${delivery.lastDurationMs} ms` : ""}
                        {delivery.status === "pending" && delivery.attempts > 0 ? " · next try " : ""}
                        {delivery.status === "pending" && delivery.attempts > 0 ? <RelativeTime date={delivery.nextAttemptAt} /> : null}
                      </span>
                      <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                        <RelativeTime date={delivery.createdAt} />
                      </span>
                    </summary>
                    {delivery.lastError ? <p className="mt-2 text-xs text-red-700 dark:text-red-300">Last error: {delivery.lastError}</p> : null}
                    <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs text-slate-800 dark:bg-slate-800/50 dark:text-slate-200">
                      {JSON.stringify(JSON.parse(delivery.body), null, 2)}
                    </pre>
                  </details>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
