import { BellRing } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { asc, eq } from "drizzle-orm";
import { AlertRuleForm } from "@/components/notifications/alert-rule-form";
import { AlertsTabs } from "@/components/notifications/alerts-tabs";
import { Badge } from "@/components/ui/badge";
import { ActionButton } from "@/components/ui/action-button";
import { Card, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { RelativeTime } from "@/components/ui/relative-time";
import { listEndpoints } from "@/lib/alerts/endpoints";
import { ALERT_KINDS } from "@/lib/alerts/kinds";
import { recentAlertEvents } from "@/lib/alerts/recent-events";
import { listAlertRules, type AlertRule } from "@/lib/alerts/rules";
import { requireRole, visibleVehiclesCondition } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { users, vehicles } from "@/lib/db/schema";
import { listVehicleMakes } from "@/lib/fleet/vehicle-list";
import { vehicleDisplayName } from "@/lib/fleet/vehicle-name";
import { SMARTCAR_ERROR_CATALOG } from "@/lib/smartcar/error-catalog";
import { deleteAlertRuleAction, toggleAlertRuleAction } from "./actions";

export const metadata: Metadata = { title: "Alerts" };

const ERROR_TYPES = [...new Set(SMARTCAR_ERROR_CATALOG.map((entry) => entry.type))].filter((type) => !["CLIENT", "NETWORK", "OAUTH"].includes(type));

function conditionText(rule: AlertRule): string {
  const { threshold, hours, windowMinutes, errorType, errorCode, eventType } = rule.params;
  switch (rule.kind) {
    case "battery_below":
    case "fuel_below":
      return `below ${threshold} %`;
    case "offline":
    case "asleep":
    case "no_data":
      return `for ${hours} h`;
    case "webhook_success_rate":
      return `below ${threshold} % over ${windowMinutes} min`;
    case "smartcar_error":
      return `${errorType}${errorCode ? `:${errorCode}` : " (any code)"}`;
    case "fleet_event":
      return eventType ?? "";
    default:
      return "";
  }
}

/** Managers and owners: alert rules (owners for their own vehicles), what fired lately, a new rule. */
export default async function AlertsPage() {
  const user = await requireRole("manager", "owner");
  const db = getDb();
  const visibility = visibleVehiclesCondition(user);
  const [rules, events, vehicleRows, makes, owners, endpoints] = await Promise.all([
    listAlertRules(db, user),
    recentAlertEvents(db, user),
    db.select({ id: vehicles.id, nickname: vehicles.nickname, year: vehicles.year, make: vehicles.make, model: vehicles.model }).from(vehicles).where(visibility).orderBy(asc(vehicles.make), asc(vehicles.model)).limit(500),
    listVehicleMakes(db, visibility),
    user.role === "manager" ? db.select({ id: users.id, email: users.email }).from(users).where(eq(users.role, "owner")).orderBy(users.email) : Promise.resolve([]),
    user.role === "manager" ? listEndpoints(db) : Promise.resolve([]),
  ]);
  const vehicleNames = new Map(vehicleRows.map((vehicle) => [vehicle.id, vehicleDisplayName(vehicle)]));
  const scopeText = (rule: AlertRule) =>
    rule.scope === "all" ? "Every vehicle" : rule.scope === "make" ? rule.scopeValue : rule.scope === "vehicle" ? (vehicleNames.get(rule.scopeValue ?? "") ?? "One vehicle") : rule.scopeValue === user.id ? "My vehicles" : `Owner ${owners.find((owner) => owner.id === rule.scopeValue)?.email ?? ""}`;
  return (
    <>
      <PageHeader
        title="Alerts"
        description="Rules turn what the fleet reports into notifications: in the app, by email, or to other systems through signed webhooks. They are evaluated as data arrives and by the background jobs, once per condition, with a quiet period."
      />
      <AlertsTabs current="/alerts" role={user.role} />
      <div className="grid gap-6">
        <Card>
          <CardHeader title="Rules" description={user.role === "manager" ? "Every rule in this Fleetdeck." : "Your rules, about your vehicles."} />
          {rules.length === 0 ? (
            <EmptyState icon={BellRing} title="No alert rules yet" description="Create one below: for example, battery below 20 %." />
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="alert-rules">
              {rules.map((rule) => (
                <li key={rule.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 px-5 py-3" data-testid="alert-rule">
                  <div className="min-w-0 flex-1">
                    <p className="font-medium text-slate-900 dark:text-slate-100">
                      {rule.name} {rule.enabled ? null : <Badge tone="neutral">Paused</Badge>}
                    </p>
                    <p className="text-sm text-slate-600 dark:text-slate-400">
                      {ALERT_KINDS[rule.kind].label} {conditionText(rule)} · {ALERT_KINDS[rule.kind].fleetWide ? "Whole fleet" : scopeText(rule)} · quiet {rule.quietMinutes} min ·{" "}
                      {[rule.notifyInApp ? "in app" : null, rule.notifyEmail ? "email" : null, rule.webhookEndpointIds.length ? `${rule.webhookEndpointIds.length} webhook${rule.webhookEndpointIds.length > 1 ? "s" : ""}` : null].filter(Boolean).join(", ")}
                      {rule.recipients === "managers" ? " · to every manager" : ""}
                      {user.role === "manager" && rule.createdByEmail ? ` · by ${rule.createdByEmail}` : ""}
                    </p>
                  </div>
                  <ActionButton action={toggleAlertRuleAction} fields={{ ruleId: rule.id, enabled: rule.enabled ? "false" : "true" }} label={rule.enabled ? "Pause" : "Resume"} />
                  <ActionButton action={deleteAlertRuleAction} fields={{ ruleId: rule.id }} label="Delete" ariaLabel={`Delete rule ${rule.name}`} tone="danger" />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader title="New rule" />
          <AlertRuleForm
            choices={{
              role: user.role === "manager" ? "manager" : "owner",
              vehicles: vehicleRows.map((vehicle) => ({ id: vehicle.id, name: vehicleDisplayName(vehicle) })),
              makes,
              owners,
              endpoints: endpoints.filter((endpoint) => endpoint.enabled).map((endpoint) => ({ id: endpoint.id, name: endpoint.name })),
              errorTypes: ERROR_TYPES,
            }}
          />
        </Card>
        <Card>
          <CardHeader title="Recently fired" description="The latest alerts of these rules, whoever received them." />
          {events.length === 0 ? (
            <p className="px-5 py-4 text-sm text-slate-500 dark:text-slate-400">Nothing has fired yet.</p>
          ) : (
            <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="alert-events">
              {events.map((event) => (
                <li key={event.id} className="flex flex-wrap items-center gap-2 px-5 py-2.5 text-sm">
                  <Badge tone={event.state === "resolved" ? "good" : event.severity === "critical" ? "bad" : event.severity === "warning" ? "warn" : "info"}>{event.state === "resolved" ? "Resolved" : "Fired"}</Badge>
                  {event.vehicleId ? (
                    <Link href={`/vehicles/${event.vehicleId}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
                      {event.title}
                    </Link>
                  ) : (
                    <span className="font-medium text-slate-900 dark:text-slate-100">{event.title}</span>
                  )}
                  <span className="text-slate-500 dark:text-slate-400">{event.ruleName}</span>
                  <span className="ml-auto text-xs text-slate-500 dark:text-slate-400">
                    <RelativeTime date={event.occurredAt} />
                  </span>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
