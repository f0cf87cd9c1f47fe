import { AlertTriangle, CheckCircle2, Inbox, ShieldAlert, ShieldCheck, Webhook, XCircle } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { Suspense } from "react";
import { DeliveryFilterBar } from "@/components/webhooks/delivery-filters";
import { DeliveryStatusBadge, formatDuration, SignatureBadge } from "@/components/webhooks/delivery-status";
import { PayloadInspector } from "@/components/webhooks/payload-inspector";
import { ReplayButton } from "@/components/webhooks/replay-button";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card, CardHeader } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { Stat } from "@/components/ui/stat";
import { requireRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";
import { deliveryFiltersSchema, deliveryOverview, getDelivery, listDeliveries, listReplays, type DeliveryFilters } from "@/lib/webhooks/queries";
import { LiveRefresh } from "@/components/live/live-refresh";

export const metadata: Metadata = { title: "Webhooks" };

const REJECTION_LABELS: Record<string, string> = {
  signature_missing: "Missing SC-Signature",
  signature_invalid: "Wrong signature",
  too_large: "Over 50 KB",
  malformed_json: "Malformed JSON",
  invalid_shape: "Unknown payload shape",
  verify_refused: "Unsafe VERIFY challenge",
};

function hrefWith(filters: DeliveryFilters, changes: Partial<DeliveryFilters>): string {
  const merged = { ...filters, ...changes };
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(merged)) if (value !== undefined && value !== null && value !== "" && !(key === "page" && value === 1)) params.set(key, String(value));
  const query = params.toString();
  return query ? `/webhooks?${query}` : "/webhooks";
}

export default async function WebhooksPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireRole("manager");
  const raw = await searchParams;
  const filters = deliveryFiltersSchema.parse(Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])));
  const db = getDb();
  const [overview, list, selected, replays] = await Promise.all([
    deliveryOverview(db),
    listDeliveries(db, filters),
    filters.delivery ? getDelivery(db, filters.delivery) : Promise.resolve(null),
    filters.delivery ? listReplays(db, filters.delivery) : Promise.resolve([]),
  ]);
  const { webhookUrl, mode } = getConfig().smartcar;
  const filtered = Boolean(filters.status || filters.type || filters.vehicle);

  return (
    <>
      <LiveRefresh kinds={["delivery"]} batchMs={3_000} />
      <PageHeader title="Webhooks" description="Every delivery Smartcar pushed to this app: verified, stored, then processed in the background. Updates live." />

      <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
        <Stat label="Received (24 h)" value={overview.received24h} icon={Inbox} />
        <Stat label="Processed (24 h)" value={overview.last24h.processed + overview.last24h.duplicate} icon={CheckCircle2} tone="good" />
        <Stat label="Unmatched (24 h)" value={overview.last24h.unmatched} icon={AlertTriangle} tone={overview.last24h.unmatched > 0 ? "warn" : "default"} href={hrefWith(filters, { status: "unmatched", page: 1, delivery: undefined })} />
        <Stat
          label="Failed or waiting"
          value={overview.last24h.failed + overview.last24h.pending}
          icon={XCircle}
          tone={overview.last24h.failed > 0 ? "bad" : "default"}
          href={hrefWith(filters, { status: overview.last24h.failed > 0 ? "failed" : "pending", page: 1, delivery: undefined })}
        />
      </div>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Callback verification" description="Smartcar activates a webhook only after this app answers its VERIFY challenge." />
          <dl className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="verify-status">
            <div className="flex items-center justify-between gap-4 px-5 py-3">
              <dt className="shrink-0 text-slate-500 dark:text-slate-400">Callback URL</dt>
              <dd className="min-w-0 truncate font-mono text-xs text-slate-800 dark:text-slate-200" title={webhookUrl}>
                {webhookUrl}
              </dd>
            </div>
            <div className="flex items-center justify-between gap-4 px-5 py-3">
              <dt className="text-slate-500 dark:text-slate-400">Last VERIFY</dt>
              <dd className="flex items-center gap-2">
                {overview.lastVerify ? (
                  <>
                    <Badge tone="good" dot>
                      Answered
                    </Badge>
                    <RelativeTime date={overview.lastVerify.receivedAt} className="text-slate-700 dark:text-slate-300" />
                  </>
                ) : (
                  <Badge tone="warn" dot>
                    Not verified yet
                  </Badge>
                )}
              </dd>
            </div>
            <div className="flex items-center justify-between gap-4 px-5 py-3">
              <dt className="text-slate-500 dark:text-slate-400">Webhook</dt>
              <dd className="text-slate-700 dark:text-slate-300">{overview.lastVerify?.webhookName ?? "—"}</dd>
            </div>
            <div className="flex items-center justify-between gap-4 px-5 py-3">
              <dt className="text-slate-500 dark:text-slate-400">Signing key</dt>
              <dd className="text-slate-700 dark:text-slate-300">{mode === "emulator" ? "Emulator management token" : "Application Management Token"}</dd>
            </div>
          </dl>
          {!overview.lastVerify ? (
            <p className="border-t border-slate-200 px-5 py-3 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
              In the Smartcar Dashboard, set the callback URL above and press “Verify this webhook”.
            </p>
          ) : null}
        </Card>

        <Card>
          <CardHeader title="Rejected deliveries (7 days)" description="Refused before storage; never applied. Bodies are not kept." />
          {overview.rejections.length === 0 ? (
            <div className="flex items-center gap-3 px-5 py-6 text-sm text-slate-600 dark:text-slate-400">
              <ShieldCheck className="size-5 text-emerald-600" aria-hidden />
              No rejected deliveries.
            </div>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="rejection-counts">
              {overview.rejections.map((rejection) => (
                <li key={rejection.reason} className="flex items-center justify-between gap-4 px-5 py-3">
                  <span className="flex items-center gap-2 text-slate-700 dark:text-slate-300">
                    <ShieldAlert className="size-4 text-red-500" aria-hidden />
                    {REJECTION_LABELS[rejection.reason] ?? rejection.reason}
                  </span>
                  <span className="flex items-center gap-3">
                    <RelativeTime date={rejection.lastAt} className="text-xs text-slate-500 dark:text-slate-400" />
                    <span className="font-semibold tabular-nums text-slate-900 dark:text-white">{rejection.count}</span>
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      {filters.delivery ? (
        <Card className="mt-6" data-testid="delivery-inspector">
          {selected ? (
            <>
              <CardHeader
                title={`Delivery #${selected.id} · ${selected.eventType}`}
                description={`Event ${selected.eventId}${selected.deliveryId ? ` · delivery ${selected.deliveryId}` : ""}`}
                action={
                  <ButtonLink href={hrefWith(filters, { delivery: undefined })} variant="ghost" aria-label="Close inspector">
                    Close
                  </ButtonLink>
                }
              />
              <div className="space-y-5 p-5">
                <div className="flex flex-wrap items-center gap-3 text-sm">
                  <DeliveryStatusBadge status={selected.status} />
                  <SignatureBadge signature={selected.signature} />
                  <span className="text-slate-600 dark:text-slate-400" data-testid="delivery-timing">
                    received <RelativeTime date={selected.receivedAt} />
                    {selected.processedAt ? <> · first processed in {formatDuration(selected.processedAt.getTime() - selected.receivedAt.getTime())}</> : null}
                  </span>
                </div>
                {selected.lastError ? (
                  <p data-testid="delivery-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300">
                    Attempt {selected.attempts} failed: {selected.lastError}
                  </p>
                ) : null}
                {selected.result ? (
                  <p className="font-mono text-xs text-slate-600 dark:text-slate-400">{JSON.stringify(selected.result)}</p>
                ) : null}
                {selected.eventType !== "VERIFY" ? <ReplayButton deliveryId={selected.id} /> : null}
                {replays.length > 0 ? (
                  <section aria-labelledby="replays-heading" data-testid="delivery-replays">
                    <h3 id="replays-heading" className="text-xs font-semibold uppercase tracking-wide text-slate-600 dark:text-slate-400">
                      Replays ({replays.length})
                    </h3>
                    <ul className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200 text-sm dark:divide-slate-800 dark:border-slate-800">
                      {replays.map((replay) => (
                        <li key={replay.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 px-3 py-2" data-testid="delivery-replay">
                          <DeliveryStatusBadge status={replay.status} />
                          <RelativeTime date={replay.replayedAt} className="text-slate-700 dark:text-slate-300" />
                          <span className="text-slate-600 dark:text-slate-400">
                            {replay.reason === "vehicle_connected" ? "when the vehicle was connected" : `by ${replay.replayedBy ?? "a former user"}`} · took {formatDuration(replay.durationMs)}
                          </span>
                          {replay.result ? <span className="basis-full break-all font-mono text-xs text-slate-600 dark:text-slate-400">{JSON.stringify(replay.result)}</span> : null}
                        </li>
                      ))}
                    </ul>
                  </section>
                ) : null}
                <PayloadInspector rawBody={selected.rawBody} />
              </div>
            </>
          ) : (
            <EmptyState icon={Webhook} title="Delivery not found" description="It may have been pruned. Pick another delivery from the list." />
          )}
        </Card>
      ) : null}

      <Card className="mt-6">
        <CardHeader title="Deliveries" description={`${list.total} ${filtered ? "matching" : "stored"} · newest first`} />
        <Suspense>
          <DeliveryFilterBar eventTypes={overview.eventTypes} />
        </Suspense>
        {list.rows.length === 0 ? (
          <EmptyState
            icon={Webhook}
            title={filtered ? "No deliveries match these filters" : "No deliveries received yet"}
            description={
              filtered
                ? "Clear a filter to see more."
                : "Once vehicles are subscribed to the webhook, every VEHICLE_STATE and VEHICLE_ERROR event Smartcar sends shows up here within a second."
            }
          />
        ) : (
          <DataTable
            caption="Webhook deliveries"
            rows={list.rows}
            rowKey={(row) => row.id}
            columns={[
              { header: "Received", cell: (row) => <RelativeTime date={row.receivedAt} /> },
              { header: "Event", cell: (row) => <span className="font-mono text-xs">{row.eventType}</span> },
              {
                header: "Vehicle",
                cell: (row) =>
                  row.vehicleId ? (
                    <Link href={`/vehicles/${row.vehicleId}`} className="text-brand-600 hover:underline dark:text-brand-300">
                      {row.vehicleName}
                    </Link>
                  ) : (
                    <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{row.smartcarVehicleId ?? "—"}</span>
                  ),
              },
              { header: "Signature", cell: (row) => <SignatureBadge signature={row.signature} /> },
              {
                header: "Result",
                cell: (row) => (
                  <span className="inline-flex items-center gap-1.5">
                    <DeliveryStatusBadge status={row.status} />
                    {row.replayedAt ? (
                      <span className="text-xs text-slate-600 dark:text-slate-400" title="Replayed since; the latency is the first processing's">
                        replayed
                      </span>
                    ) : null}
                  </span>
                ),
              },
              {
                header: "Latency",
                cell: (row) => (
                  <span
                    data-testid="delivery-latency"
                    className="tabular-nums text-slate-600 dark:text-slate-400"
                    title={row.deliveredAt ? `Travel from Smartcar: ${formatDuration(row.receivedAt.getTime() - row.deliveredAt.getTime())}` : undefined}
                  >
                    {formatDuration(row.processedAt ? row.processedAt.getTime() - row.receivedAt.getTime() : null)}
                  </span>
                ),
              },
              {
                header: "",
                cell: (row) => (
                  <Link href={hrefWith(filters, { delivery: row.id })} className="text-sm font-medium text-brand-600 hover:underline dark:text-brand-300" data-testid={`inspect-${row.id}`}>
                    Inspect
                  </Link>
                ),
              },
            ]}
          />
        )}
        {list.pageCount > 1 ? (
          <nav aria-label="Deliveries pages" className="flex items-center justify-between border-t border-slate-200 px-5 py-3 text-sm dark:border-slate-800">
            <span className="tabular-nums text-slate-500 dark:text-slate-400">
              Page {filters.page} of {list.pageCount}
            </span>
            <span className="flex gap-2">
              {filters.page > 1 ? (
                <ButtonLink variant="secondary" href={hrefWith(filters, { page: filters.page - 1 })}>
                  Newer
                </ButtonLink>
              ) : null}
              {filters.page < list.pageCount ? (
                <ButtonLink variant="secondary" href={hrefWith(filters, { page: filters.page + 1 })}>
                  Older
                </ButtonLink>
              ) : null}
            </span>
          </nav>
        ) : null}
      </Card>
    </>
  );
}
