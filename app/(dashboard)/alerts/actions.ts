"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createEndpoint, deleteEndpoint, endpointInputSchema, outboundPolicy, queueTestDelivery } from "@/lib/alerts/endpoints";
import { ALERT_KINDS } from "@/lib/alerts/kinds";
import { alertRuleInputSchema, createAlertRule, deleteAlertRule, setAlertRuleEnabled } from "@/lib/alerts/rules";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { getConfig } from "@/lib/config";
import { getDb } from "@/lib/db";

export type RuleFormState = { status: "idle" } | { status: "error"; message: string; field?: string } | { status: "created"; name: string };

function text(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

export async function createAlertRuleAction(_previous: RuleFormState, formData: FormData): Promise<RuleFormState> {
  const user = await requireRole("manager", "owner");
  const parsed = alertRuleInputSchema.safeParse({
    name: text(formData, "name") ?? "",
    kind: text(formData, "kind"),
    threshold: text(formData, "threshold"),
    hours: text(formData, "hours"),
    windowMinutes: text(formData, "windowMinutes"),
    errorType: text(formData, "errorType"),
    errorCode: text(formData, "errorCode"),
    eventType: text(formData, "eventType"),
    scope: text(formData, "scope"),
    scopeValue: text(formData, "scopeValue"),
    quietMinutes: text(formData, "quietMinutes"),
    notifyInApp: formData.get("notifyInApp") === "on",
    notifyEmail: formData.get("notifyEmail") === "on",
    webhookEndpointIds: formData.getAll("webhookEndpointIds").filter((value): value is string => typeof value === "string" && value !== ""),
    recipients: text(formData, "recipients"),
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: "error", message: issue?.message ?? "Check the form.", field: issue?.path.join(".") };
  }
  const result = await createAlertRule(getDb(), user, parsed.data);
  if (!result.ok) return { status: "error", message: result.message, field: result.field };
  await auditRequest({
    action: "alert_rule.create",
    target: { type: "alert_rule", id: result.rule.id, label: result.rule.name },
    vehicleId: result.rule.scope === "vehicle" ? result.rule.scopeValue : null,
    details: { kind: result.rule.kind, label: ALERT_KINDS[result.rule.kind].label, params: result.rule.params, scope: result.rule.scope, scopeValue: result.rule.scopeValue, quietMinutes: result.rule.quietMinutes, channels: { inApp: result.rule.notifyInApp, email: result.rule.notifyEmail, webhooks: result.rule.webhookEndpointIds.length } },
  });
  revalidatePath("/alerts");
  return { status: "created", name: result.rule.name };
}

const ruleIdSchema = z.uuid();

export async function toggleAlertRuleAction(formData: FormData): Promise<void> {
  const user = await requireRole("manager", "owner");
  const ruleId = ruleIdSchema.safeParse(formData.get("ruleId"));
  if (!ruleId.success) return;
  const enabled = formData.get("enabled") === "true";
  const rule = await setAlertRuleEnabled(getDb(), user, ruleId.data, enabled);
  if (!rule) return;
  await auditRequest({ action: "alert_rule.update", target: { type: "alert_rule", id: rule.id, label: rule.name }, details: { enabled: { before: !enabled, after: enabled } } });
  revalidatePath("/alerts");
}

export async function deleteAlertRuleAction(formData: FormData): Promise<void> {
  const user = await requireRole("manager", "owner");
  const ruleId = ruleIdSchema.safeParse(formData.get("ruleId"));
  if (!ruleId.success) return;
  const rule = await deleteAlertRule(getDb(), user, ruleId.data);
  if (!rule) return;
  await auditRequest({ action: "alert_rule.delete", target: { type: "alert_rule", id: rule.id, label: rule.name }, details: { kind: rule.kind, params: rule.params } });
  revalidatePath("/alerts");
}

export type EndpointFormState = { status: "idle" } | { status: "error"; message: string; field?: string } | { status: "created"; name: string; url: string; secret: string };

export async function createEndpointAction(_previous: EndpointFormState, formData: FormData): Promise<EndpointFormState> {
  const user = await requireRole("manager");
  const parsed = endpointInputSchema.safeParse({ name: formData.get("name") ?? "", url: formData.get("url") ?? "", format: formData.get("format") ?? "json" });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Check the form.", field: String(parsed.error.issues[0]?.path[0] ?? "") };
  const result = await createEndpoint(getDb(), parsed.data, { createdBy: user.id, policy: outboundPolicy(), keys: getConfig().encryptionKeys });
  if (!result.ok) {
    await auditRequest({ action: "endpoint.create", outcome: "denied", target: { type: "webhook_endpoint", label: parsed.data.name }, details: { url: parsed.data.url, reason: result.message } });
    return { status: "error", message: result.message, field: result.field };
  }
  await auditRequest({ action: "endpoint.create", target: { type: "webhook_endpoint", id: result.endpoint.id, label: result.endpoint.name }, details: { url: result.endpoint.url, format: result.endpoint.format } });
  revalidatePath("/alerts/webhooks");
  return { status: "created", name: result.endpoint.name, url: result.endpoint.url, secret: result.secret };
}

export async function deleteEndpointAction(formData: FormData): Promise<void> {
  await requireRole("manager");
  const removed = await deleteEndpoint(getDb(), String(formData.get("endpointId") ?? ""));
  if (!removed) return;
  await auditRequest({ action: "endpoint.delete", target: { type: "webhook_endpoint", id: removed.id, label: removed.name }, details: { url: removed.url } });
  revalidatePath("/alerts/webhooks");
}

export async function sendTestWebhookAction(formData: FormData): Promise<void> {
  const user = await requireRole("manager");
  const endpointId = String(formData.get("endpointId") ?? "");
  const queued = await queueTestDelivery(getDb(), endpointId, user.email);
  if (!queued) return;
  await auditRequest({ action: "endpoint.test", target: { type: "webhook_endpoint", id: endpointId }, details: { deliveryId: queued.id } });
  revalidatePath("/alerts/webhooks");
}
