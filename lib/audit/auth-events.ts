import "server-only";
import type { NextAuthConfig } from "next-auth";
import type { ConnectCallbackOutcome } from "@/lib/connect/callback";
import { getDb } from "@/lib/db";
import { recordAudit } from "./record";
import { auditRequest, requestClientAddress } from "./request";

/**
 * Audit entries for what happens in code other rooms own (sign-in, Connect), shaped so each call
 * site is one line: Auth.js events for sign-in and sign-out, refused sign-ins, Connect outcomes.
 */

export const authAuditEvents: NonNullable<NextAuthConfig["events"]> = {
  async signIn({ user, account }) {
    if (!user.id) return;
    await recordAudit(getDb(), {
      action: "auth.sign_in",
      actor: { type: "user", id: user.id, label: user.email ?? user.id },
      clientAddress: await requestClientAddress(),
      details: { provider: account?.provider ?? null },
    });
  },
  async signOut(message) {
    const token = "token" in message ? message.token : null;
    if (!token?.sub) return;
    await recordAudit(getDb(), {
      action: "auth.sign_out",
      actor: { type: "user", id: token.sub, label: token.email ?? token.sub },
      clientAddress: await requestClientAddress(),
    });
  },
};

/** A refused password sign-in: the email as typed (never the password), why, and from where. */
export async function auditSignInRefused(email: string, reason: string, clientAddress: string): Promise<void> {
  await recordAudit(getDb(), {
    action: "auth.sign_in_failed",
    actor: { type: "anonymous", label: email.slice(0, 320) },
    outcome: reason === "rate_limited" ? "denied" : "failure",
    clientAddress,
    details: { reason },
  });
}

/** The end of a trip through Smartcar Connect, whoever is signed in (a reconnect link needs no session). */
export async function auditConnectOutcome(outcome: ConnectCallbackOutcome): Promise<void> {
  if (outcome.kind === "connected") {
    for (const vehicleId of outcome.vehicleIds) await auditRequest({ action: "connect.complete", target: { type: "vehicle", id: vehicleId }, vehicleId });
    return;
  }
  if (outcome.kind === "reconnected") {
    await auditRequest({ action: "reconnect.complete", target: { type: "vehicle", id: outcome.vehicleId }, vehicleId: outcome.vehicleId, details: { via: outcome.viaLink ? "link" : "app" } });
    return;
  }
  await auditRequest({ action: "connect.complete", outcome: "failure", details: { ...outcome } });
}
