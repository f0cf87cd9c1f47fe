/**
 * Every action the audit log knows, with how it reads on the page. Plain data: safe in client
 * components. Add an action here before recording it (the type keeps callers honest).
 */
export const AUDIT_ACTIONS = {
  "auth.sign_in": "Signed in",
  "auth.sign_in_failed": "Sign-in refused",
  "auth.sign_out": "Signed out",
  "setup.first_manager": "Created the first manager",
  "invitation.create": "Invited someone",
  "invitation.revoke": "Revoked an invitation",
  "invitation.accept": "Accepted an invitation",
  "user.role_change": "Changed a role",
  "user.remove": "Removed a user",
  "settings.update": "Changed settings",
  "connect.start": "Started Smartcar Connect",
  "connect.complete": "Completed Smartcar Connect",
  "reconnect.complete": "Reconnected a vehicle",
  "reconnect_link.send": "Sent a reconnect link",
  "campaign.create": "Started a reconnect campaign",
  "campaign.remind": "Sent campaign reminders",
  "webhook.replay": "Replayed a webhook delivery",
  "error.acknowledge": "Acknowledged errors",
  "command.request": "Requested a command",
  "command.result": "Command finished",
  "command.bulk": "Requested a bulk command",
  "alert_rule.create": "Created an alert rule",
  "alert_rule.update": "Changed an alert rule",
  "alert_rule.delete": "Deleted an alert rule",
  "endpoint.create": "Added a webhook endpoint",
  "endpoint.delete": "Removed a webhook endpoint",
  "endpoint.test": "Sent a test webhook",
  "report.create": "Scheduled a report",
  "report.delete": "Deleted a report schedule",
  "report.send": "Sent a report",
  "audit.export": "Exported the audit log",
  "audit.retention": "Applied audit retention",
} as const;

export type AuditAction = keyof typeof AUDIT_ACTIONS;

export const AUDIT_ACTION_NAMES = Object.keys(AUDIT_ACTIONS) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
  return value in AUDIT_ACTIONS;
}

export function auditActionLabel(action: string): string {
  return isAuditAction(action) ? AUDIT_ACTIONS[action] : action;
}
