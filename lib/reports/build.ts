import "server-only";
import { sql } from "drizzle-orm";
import type { Database } from "@/lib/db";
import { toCsv } from "@/lib/errors/csv";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { VEHICLE_STATUS_LABELS, type VehicleStatus } from "@/lib/fleet/vehicle-status";
import { vehicleStatusSql } from "@/lib/fleet/vehicle-status-sql";
import type { MailAttachment } from "@/lib/reauth/outbox";

/**
 * The fleet report for one period: every vehicle with its status, distance driven (odometer
 * readings in the period), alerts, errors and commands; the fleet's errors opened and closed,
 * reconnects pending and webhook health. An HTML email with a text alternative and CSV attachments.
 * Energy per vehicle joins here once charging sessions exist (issue "fleet over time").
 */

export interface ReportVehicle {
  id: string;
  name: string;
  make: string;
  model: string;
  year: number;
  vin: string | null;
  status: VehicleStatus;
  distanceKm: number | null;
  alerts: number;
  errorsOpened: number;
  commands: number;
}

export interface FleetReport {
  period: { start: Date; end: Date };
  vehicles: ReportVehicle[];
  statusCounts: Partial<Record<VehicleStatus, number>>;
  errors: { opened: number; closed: number; stillOpen: number; rows: { vehicle: string; type: string; code: string | null; firstSeenAt: Date; closedAt: Date | null; state: string }[] };
  reconnectsPending: number;
  alerts: { time: Date; vehicle: string | null; title: string; state: string }[];
  webhooks: { received: number; processed: number; failed: number; rejected: number; successRate: number | null };
}

type Rows<T> = { rows: T[] };

export async function buildFleetReport(db: Database, period: { start: Date; end: Date }): Promise<FleetReport> {
  const start = period.start.toISOString();
  const end = period.end.toISOString();
  const inPeriod = (column: string) => sql.raw(`${column} >= '${start}'::timestamptz and ${column} < '${end}'::timestamptz`);
  const [vehicleRows, errorRows, pending, alertRows, webhookRows] = await Promise.all([
    db.execute(sql`
      select vehicles.id, vehicles.nickname, vehicles.year, vehicles.make, vehicles.model, vehicles.vin, ${vehicleStatusSql(period.end)} as status,
        (select max((h.body->>'value')::float8) - min((h.body->>'value')::float8) from signal_history h
          where h.vehicle_id = vehicles.id and h.code = 'odometer-traveleddistance' and jsonb_typeof(h.body->'value') = 'number' and ${inPeriod("h.oem_updated_at")}) as "distanceKm",
        (select count(*)::int from alert_events a where a.vehicle_id = vehicles.id and a.state = 'triggered' and ${inPeriod("a.occurred_at")}) as alerts,
        (select count(*)::int from vehicle_errors e where e.vehicle_id = vehicles.id and ${inPeriod("e.first_seen_at")}) as "errorsOpened",
        (select count(*)::int from vehicle_commands c where c.vehicle_id = vehicles.id and ${inPeriod("c.requested_at")}) as commands
      from vehicles order by vehicles.make, vehicles.model, vehicles.id`) as unknown as Promise<Rows<Omit<ReportVehicle, "name"> & { nickname: string | null }>>,
    db.execute(sql`
      select e.type, e.code, e.state, e.first_seen_at as "firstSeenAt", e.closed_at as "closedAt", v.nickname, v.year, v.make, v.model
      from vehicle_errors e left join vehicles v on v.id = e.vehicle_id
      where ${inPeriod("e.first_seen_at")} or ${inPeriod("e.closed_at")} or (e.state = 'open' and e.first_seen_at < ${end}::timestamptz)
      order by e.first_seen_at desc limit 5000`) as unknown as Promise<Rows<{ type: string; code: string | null; state: string; firstSeenAt: string | Date; closedAt: string | Date | null; nickname: string | null; year: number | null; make: string | null; model: string | null }>>,
    db.execute(sql`select count(distinct vehicle_id)::int as n from connections where status = 'needs_reauth'`) as unknown as Promise<Rows<{ n: number }>>,
    db.execute(sql`
      select a.occurred_at as time, a.title, a.state, v.nickname, v.year, v.make, v.model
      from alert_events a left join vehicles v on v.id = a.vehicle_id
      where ${inPeriod("a.occurred_at")} order by a.occurred_at desc limit 5000`) as unknown as Promise<Rows<{ time: string | Date; title: string; state: string; nickname: string | null; year: number | null; make: string | null; model: string | null }>>,
    db.execute(sql`
      select
        (select count(*)::int from webhook_deliveries where event_type <> 'VERIFY' and ${inPeriod("received_at")}) as received,
        (select count(*)::int from webhook_deliveries where status in ('processed', 'duplicate', 'unhandled') and ${inPeriod("received_at")}) as processed,
        (select count(*)::int from webhook_deliveries where status = 'failed' and ${inPeriod("received_at")}) as failed,
        (select count(*)::int from webhook_rejections where ${inPeriod("received_at")}) as rejected`) as unknown as Promise<Rows<{ received: number; processed: number; failed: number; rejected: number }>>,
  ]);
  const vehicles = vehicleRows.rows.map((row) => ({
    id: row.id,
    name: vehicleDisplayName(row),
    make: row.make,
    model: row.model,
    year: row.year,
    vin: row.vin,
    status: row.status,
    distanceKm: row.distanceKm === null ? null : Math.round(Number(row.distanceKm) * 10) / 10,
    alerts: Number(row.alerts),
    errorsOpened: Number(row.errorsOpened),
    commands: Number(row.commands),
  }));
  const statusCounts: Partial<Record<VehicleStatus, number>> = {};
  for (const vehicle of vehicles) statusCounts[vehicle.status] = (statusCounts[vehicle.status] ?? 0) + 1;
  const errors = errorRows.rows.map((row) => ({
    vehicle: row.make ? vehicleDisplayName({ nickname: row.nickname, year: row.year ?? 0, make: row.make, model: row.model ?? "" }) : "(not in the fleet)",
    type: row.type,
    code: row.code,
    state: row.state,
    firstSeenAt: new Date(row.firstSeenAt),
    closedAt: row.closedAt ? new Date(row.closedAt) : null,
  }));
  const webhooks = webhookRows.rows[0]!;
  const attempts = Number(webhooks.received) + Number(webhooks.rejected);
  return {
    period,
    vehicles,
    statusCounts,
    errors: {
      opened: errors.filter((error) => error.firstSeenAt >= period.start).length,
      closed: errors.filter((error) => error.closedAt && error.closedAt >= period.start && error.closedAt < period.end).length,
      stillOpen: errors.filter((error) => error.state === "open").length,
      rows: errors,
    },
    reconnectsPending: Number(pending.rows[0]?.n ?? 0),
    alerts: alertRows.rows.map((row) => ({
      time: new Date(row.time),
      vehicle: row.make ? vehicleDisplayName({ nickname: row.nickname, year: row.year ?? 0, make: row.make, model: row.model ?? "" }) : null,
      title: row.title,
      state: row.state,
    })),
    webhooks: {
      received: Number(webhooks.received),
      processed: Number(webhooks.processed),
      failed: Number(webhooks.failed),
      rejected: Number(webhooks.rejected),
      successRate: attempts === 0 ? null : Math.floor(((Number(webhooks.received) - Number(webhooks.failed)) / attempts) * 1000) / 10,
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}

const day = (date: Date) => date.toISOString().slice(0, 10);

export function reportCsvs(report: FleetReport): MailAttachment[] {
  const stamp = `${day(report.period.start)}_${day(report.period.end)}`;
  return [
    {
      filename: `fleetdeck-vehicles-${stamp}.csv`,
      contentType: "text/csv",
      content: toCsv(
        ["vehicle_id", "name", "make", "model", "year", "vin", "status", "distance_km", "alerts", "errors_opened", "commands"],
        report.vehicles.map((vehicle) => [vehicle.id, vehicle.name, vehicle.make, vehicle.model, vehicle.year, vehicle.vin, vehicle.status, vehicle.distanceKm, vehicle.alerts, vehicle.errorsOpened, vehicle.commands]),
      ),
    },
    {
      filename: `fleetdeck-errors-${stamp}.csv`,
      contentType: "text/csv",
      content: toCsv(
        ["vehicle", "type", "code", "state", "first_seen_at", "closed_at"],
        report.errors.rows.map((error) => [error.vehicle, error.type, error.code, error.state, error.firstSeenAt.toISOString(), error.closedAt?.toISOString() ?? null]),
      ),
    },
    {
      filename: `fleetdeck-alerts-${stamp}.csv`,
      contentType: "text/csv",
      content: toCsv(["time", "vehicle", "title", "state"], report.alerts.map((alert) => [alert.time.toISOString(), alert.vehicle, alert.title, alert.state])),
    },
  ];
}

export function reportEmail(report: FleetReport, options: { name: string; appUrl: string }): { subject: string; text: string; html: string } {
  const period = `${day(report.period.start)} – ${day(report.period.end)}`;
  const distance = report.vehicles.reduce((sum, vehicle) => sum + (vehicle.distanceKm ?? 0), 0);
  const statusLine = Object.entries(report.statusCounts)
    .map(([status, count]) => `${VEHICLE_STATUS_LABELS[status as VehicleStatus]}: ${count}`)
    .join(", ");
  const webhookLine =
    report.webhooks.successRate === null
      ? "No webhook deliveries in the period."
      : `${report.webhooks.received} deliveries, ${report.webhooks.successRate} % accepted and processed (${report.webhooks.failed} failed, ${report.webhooks.rejected} rejected).`;
  const facts = [
    ["Vehicles", `${report.vehicles.length} (${statusLine || "none"})`],
    ["Distance driven", `${Math.round(distance).toLocaleString("en")} km`],
    ["Errors", `${report.errors.opened} opened, ${report.errors.closed} closed, ${report.errors.stillOpen} still open`],
    ["Reconnects pending", String(report.reconnectsPending)],
    ["Alerts", String(report.alerts.filter((alert) => alert.state === "triggered").length)],
    ["Webhook health", webhookLine],
  ];
  const busiest = [...report.vehicles].sort((a, b) => (b.distanceKm ?? 0) - (a.distanceKm ?? 0)).slice(0, 10);
  const subject = `${options.name}: fleet report ${period}`;
  const text = [
    `${options.name} — fleet report for ${period} (UTC)`,
    "",
    ...facts.map(([label, value]) => `${label}: ${value}`),
    "",
    "Most distance:",
    ...busiest.map((vehicle) => `  ${vehicle.name}: ${vehicle.distanceKm ?? 0} km, ${vehicle.alerts} alerts, ${vehicle.errorsOpened} errors`),
    "",
    "The attached CSV files list every vehicle, error and alert of the period.",
    `Open Fleetdeck: ${options.appUrl}/fleet`,
    "",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;color:#0f172a">
<h2 style="margin:0 0 4px">${escapeHtml(options.name)}</h2>
<p style="margin:0 0 16px;color:#475569">Fleet report for ${escapeHtml(period)} (UTC)</p>
<table style="border-collapse:collapse;margin-bottom:16px">${facts.map(([label, value]) => `<tr><th style="text-align:left;padding:4px 12px 4px 0;color:#475569;font-weight:500">${escapeHtml(label!)}</th><td style="padding:4px 0">${escapeHtml(value!)}</td></tr>`).join("")}</table>
<h3 style="margin:16px 0 8px">Most distance</h3>
<table style="border-collapse:collapse">${busiest.map((vehicle) => `<tr><td style="padding:2px 12px 2px 0">${escapeHtml(vehicle.name)}</td><td style="padding:2px 12px 2px 0;text-align:right">${vehicle.distanceKm ?? 0} km</td><td style="padding:2px 0;color:#475569">${vehicle.alerts} alerts · ${vehicle.errorsOpened} errors</td></tr>`).join("")}</table>
<p style="margin-top:16px;color:#475569">The attached CSV files list every vehicle, error and alert of the period.</p>
<p><a href="${escapeHtml(options.appUrl)}/fleet" style="background:#2563eb;color:#fff;padding:8px 14px;border-radius:6px;text-decoration:none">Open Fleetdeck</a></p>
</body></html>`;
  return { subject, text, html };
}
