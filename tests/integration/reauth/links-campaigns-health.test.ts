import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createConnectAttempt } from "@/lib/connect/attempts";
import type { Database } from "@/lib/db";
import { connections, outboxMessages, reconnectEvents, reconnectLinks, vehicleErrors } from "@/lib/db/schema";
import { campaignProgress, createCampaign, remainingMembersCsv, sendCampaignReminders } from "@/lib/reauth/campaigns";
import { syncConnectionHealth } from "@/lib/reauth/connection-health";
import { deriveReconnectLinkKey, signReconnectToken } from "@/lib/reauth/link-token";
import { createReconnectLink, openReconnectLink, reconnectLinkUrl, resolveReconnectLink, startReconnectFromLink } from "@/lib/reauth/links";
import { deliverPendingMessages } from "@/lib/reauth/outbox";
import { recordReconnect } from "@/lib/reauth/reconnect";
import { sendReconnectLink } from "@/lib/reauth/send-link";
import { SmartcarClient } from "@/lib/smartcar";
import { parseWebhookEvent } from "@/lib/smartcar/webhook-events";
import { applyWebhookEvent } from "@/lib/webhooks/apply";
import { connectVehicle, createUser, createVehicle } from "../../fixtures/fleet";
import { DATABASE_KINDS, openTestDatabase, type TestDatabase } from "../../helpers/databases";

const CONNECT_HOST = "https://connect.example.test";
const signing = { key: deriveReconnectLinkKey("integration-secret-0123456789abcdef012345"), appUrl: "https://fleet.example.test" };
const options = { signing, mailerConfigured: false };
// Building re-authentication URLs needs no network: only the configured hosts and credentials.
const smartcar = new SmartcarClient({
  clientId: "client-id",
  clientSecret: "secret",
  managementToken: "amt",
  redirectUri: "https://fleet.example.test/api/smartcar/callback",
  hosts: { connect: CONNECT_HOST, auth: "", iam: "", vehicleApi: "", api: "", management: "", managementApi: "" },
  scope: ["required:read_vehicle_info"],
  connectMode: "live",
  rateLimit: { burst: 10, refillPerMinute: 10 },
  requestTimeoutMs: 1_000,
  maxAttempts: 1,
});

function tokenOf(url: string): string {
  return new URL(url).pathname.split("/").pop()!;
}

function authFailedEvent(smartcarVehicleId: string, state: "ERROR" | "RESOLVED", deliveredAt: number) {
  const parsed = parseWebhookEvent({
    eventId: crypto.randomUUID(),
    eventType: "VEHICLE_ERROR",
    vehicleId: smartcarVehicleId,
    data: {
      user: { id: "sc-user" },
      vehicle: { id: smartcarVehicleId, make: "FORD", model: "F-150", year: 2023 },
      errors: [
        {
          type: "CONNECTED_SERVICES_ACCOUNT",
          code: "AUTHENTICATION_FAILED",
          state,
          description: "Smartcar was unable to authenticate with the user's connected services account.",
          suggestedUserMessage: "Your car got disconnected from <app name>. Please use this link to re-connect your car: <link to Smartcar Connect>.",
          resolution: { type: "REAUTHENTICATE", url: `https://connect.smartcar.com/oauth/reauthenticate?response_type=vehicle_id&client_id=client-id&vehicle_id=${smartcarVehicleId}&make=FORD` },
        },
      ],
    },
    meta: { version: "4.0", webhookId: "wh", webhookName: "Fleetdeck", deliveryId: crypto.randomUUID(), deliveredAt, mode: "LIVE" },
  });
  if (!parsed.ok) throw new Error(parsed.detail);
  return parsed.event;
}

async function connectionStatus(db: Database, vehicleId: string) {
  return (await db.select({ status: connections.status }).from(connections).where(eq(connections.vehicleId, vehicleId))).map((row) => row.status);
}

describe.each(DATABASE_KINDS)("reconnect links, campaigns and connection health (%s)", (kind) => {
  let database: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    database = await openTestDatabase(kind);
    db = database.handle.db;
  });
  afterAll(async () => {
    await database?.close();
  });

  async function brokenVehicle(make = "Ford") {
    const owner = await createUser(db, { role: "owner", name: "Dana" });
    const vehicle = await createVehicle(db, { make, model: "F-150 Lightning", year: 2023 });
    await connectVehicle(db, vehicle.id, owner.id);
    await applyWebhookEvent(db, authFailedEvent(vehicle.smartcarVehicleId, "ERROR", Date.now()));
    return { owner, vehicle };
  }

  describe("connection health", () => {
    it("follows the open errors: needs_reauth while one calls for re-authentication, active again once closed", async () => {
      const { vehicle } = await brokenVehicle();
      expect(await connectionStatus(db, vehicle.id)).toEqual(["needs_reauth"]);
      // Recomputing changes nothing (idempotent).
      expect(await syncConnectionHealth(db, vehicle.id)).toBe("needs_reauth");

      await applyWebhookEvent(db, authFailedEvent(vehicle.smartcarVehicleId, "RESOLVED", Date.now() + 1_000));
      expect(await connectionStatus(db, vehicle.id)).toEqual(["active"]);
    });

    it("does not depend on arrival order: a RESOLVED older than the error leaves it open", async () => {
      const owner = await createUser(db);
      const vehicle = await createVehicle(db, { make: "Ford" });
      await connectVehicle(db, vehicle.id, owner.id);
      const now = Date.now();
      await applyWebhookEvent(db, authFailedEvent(vehicle.smartcarVehicleId, "ERROR", now));
      await applyWebhookEvent(db, authFailedEvent(vehicle.smartcarVehicleId, "RESOLVED", now - 60_000));
      expect(await connectionStatus(db, vehicle.id)).toEqual(["needs_reauth"]);
    });

    it("ignores errors that do not need re-authentication and never touches a revoked connection", async () => {
      const owner = await createUser(db);
      const vehicle = await createVehicle(db);
      await connectVehicle(db, vehicle.id, owner.id, "needs_reauth");
      await db.insert(vehicleErrors).values({ vehicleId: vehicle.id, smartcarVehicleId: vehicle.smartcarVehicleId, type: "VEHICLE_STATE", code: "ASLEEP", source: "webhook" });
      expect(await syncConnectionHealth(db, vehicle.id)).toBe("active");
      expect(await connectionStatus(db, vehicle.id)).toEqual(["active"]);

      const revoked = await createVehicle(db);
      await connectVehicle(db, revoked.id, owner.id, "revoked");
      await db.insert(vehicleErrors).values({ vehicleId: revoked.id, smartcarVehicleId: revoked.smartcarVehicleId, type: "PERMISSION", code: null, source: "api" });
      await syncConnectionHealth(db, revoked.id);
      expect(await connectionStatus(db, revoked.id)).toEqual(["revoked"]);
    });
  });

  describe("reconnect links", () => {
    it("shows what happened, leads into re-authentication from the error's URL, and is spent by the reconnect", async () => {
      const manager = await createUser(db, { role: "manager" });
      const { owner, vehicle } = await brokenVehicle();
      const { link, message } = await sendReconnectLink(db, options, { vehicleId: vehicle.id, createdBy: manager.id });
      expect(message).toMatchObject({ kind: "reconnect_link", toEmail: owner.email, status: "stored" });
      expect(message.text).toContain(reconnectLinkUrl(signing, link));
      expect(message.subject).toBe("Action required: reconnect your Ford to Fleetdeck");
      const token = tokenOf(reconnectLinkUrl(signing, link));

      const opened = await openReconnectLink(db, signing.key, token);
      expect(opened.ok && opened.link.reason).toBe("Your car got disconnected from Fleetdeck. Please use this link to re-connect your car: the link below.");
      expect(opened.ok && opened.vehicle.make).toBe("Ford");

      const started = await startReconnectFromLink(db, smartcar, signing.key, token, vehicle.id);
      if (!started.ok) throw new Error(started.reason);
      const url = new URL(started.url);
      expect(`${url.origin}${url.pathname}`).toBe(`${CONNECT_HOST}/oauth/reauthenticate`);
      expect(Object.fromEntries(url.searchParams)).toMatchObject({
        response_type: "vehicle_id",
        client_id: "client-id",
        vehicle_id: vehicle.smartcarVehicleId,
        make: "FORD",
        redirect_uri: "https://fleet.example.test/api/smartcar/callback",
      });
      const [stored] = await db.select().from(reconnectLinks).where(eq(reconnectLinks.id, link.id));
      expect(stored!.openedAt).not.toBeNull();
      expect(stored!.startedAt).not.toBeNull();

      await recordReconnect(db, { vehicleId: vehicle.id, connectAttemptId: stored!.connectAttemptId!, ownerId: owner.id, via: "link" });
      expect(await connectionStatus(db, vehicle.id)).toEqual(["active"]);
      const open = await db.select().from(vehicleErrors).where(and(eq(vehicleErrors.vehicleId, vehicle.id), eq(vehicleErrors.state, "open")));
      expect(open).toHaveLength(0);
      const [event] = await db.select().from(reconnectEvents).where(eq(reconnectEvents.vehicleId, vehicle.id));
      expect(event).toMatchObject({ via: "link", linkId: link.id, errorsClosed: 1 });

      expect(await resolveReconnectLink(db, signing.key, token)).toEqual({ ok: false, reason: "used" });
      expect(await startReconnectFromLink(db, smartcar, signing.key, token, vehicle.id)).toEqual({ ok: false, reason: "used" });
    });

    it("refuses tampered, expired, unknown and other-vehicle links", async () => {
      const { vehicle } = await brokenVehicle();
      const other = await brokenVehicle();
      const { link } = await createReconnectLink(db, { vehicleId: vehicle.id, createdBy: null });
      const token = tokenOf(reconnectLinkUrl(signing, link));

      const flipped = `${token.slice(0, 5)}${token[5] === "A" ? "B" : "A"}${token.slice(6)}`;
      expect(await resolveReconnectLink(db, signing.key, flipped)).toEqual({ ok: false, reason: "tampered" });
      expect(await resolveReconnectLink(db, deriveReconnectLinkKey("x".repeat(40)), token)).toEqual({ ok: false, reason: "tampered" });

      expect(await startReconnectFromLink(db, smartcar, signing.key, token, other.vehicle.id)).toEqual({ ok: false, reason: "other_vehicle" });

      const unknown = signReconnectToken(signing.key, { linkId: crypto.randomUUID(), vehicleId: vehicle.id, expiresAt: new Date(Date.now() + 60_000) });
      expect(await resolveReconnectLink(db, signing.key, unknown)).toEqual({ ok: false, reason: "unknown" });

      const past = new Date(Date.now() - 8 * 24 * 60 * 60_000);
      const { link: old } = await createReconnectLink(db, { vehicleId: vehicle.id, createdBy: null }, past);
      const oldToken = tokenOf(reconnectLinkUrl(signing, old));
      expect(await resolveReconnectLink(db, signing.key, oldToken)).toEqual({ ok: false, reason: "expired" });
      expect(await startReconnectFromLink(db, smartcar, signing.key, oldToken, vehicle.id)).toEqual({ ok: false, reason: "expired" });
      // A refused link changed nothing.
      const [untouched] = await db.select().from(reconnectLinks).where(eq(reconnectLinks.id, old.id));
      expect(untouched!.startedAt).toBeNull();
    });
  });

  describe("migration campaigns", () => {
    it("over 3 vehicles of one make with one owner reconnecting shows 1/3, with 3 messages in the outbox", async () => {
      const manager = await createUser(db, { role: "manager" });
      const make = `Make${crypto.randomUUID().slice(0, 6)}`;
      const members: { owner: Awaited<ReturnType<typeof createUser>>; vehicle: Awaited<ReturnType<typeof createVehicle>> }[] = [];
      for (let index = 0; index < 3; index += 1) {
        const owner = await createUser(db, { role: "owner" });
        const vehicle = await createVehicle(db, { make, model: "Model", year: 2022 });
        await connectVehicle(db, vehicle.id, owner.id);
        members.push({ owner, vehicle });
      }
      const bystander = await createVehicle(db, { make: "Kia" });
      await connectVehicle(db, bystander.id, (await createUser(db)).id);

      const deadline = new Date(Date.now() + 14 * 86_400_000);
      const { campaign, notified } = await createCampaign(db, options, {
        name: "Platform migration",
        reason: "oem_migration",
        message: `${make} is moving to a new platform; please reconnect.`,
        deadline,
        selection: { kind: "make", make: make.toLowerCase() },
        createdBy: manager.id,
      });
      expect(notified).toBe(3);
      const messages = await db.select().from(outboxMessages).where(eq(outboxMessages.campaignId, campaign.id));
      expect(messages).toHaveLength(3);
      expect(new Set(messages.map((message) => message.toEmail))).toEqual(new Set(members.map((member) => member.owner.email)));
      expect(messages.every((message) => message.text.includes(`${make} is moving to a new platform`) && message.text.includes("https://fleet.example.test/r/"))).toBe(true);

      // One owner opens the link, starts, and comes back reconnected through the callback's bookkeeping.
      const first = members[0]!;
      const message = messages.find((candidate) => candidate.toEmail === first.owner.email)!;
      const token = tokenOf(message.text.match(/https:\/\/fleet\.example\.test\/r\/\S+/)![0]);
      await openReconnectLink(db, signing.key, token);
      const started = await startReconnectFromLink(db, smartcar, signing.key, token, first.vehicle.id);
      expect(started.ok).toBe(true);
      const [link] = await db.select().from(reconnectLinks).where(eq(reconnectLinks.vehicleId, first.vehicle.id));
      await recordReconnect(db, { vehicleId: first.vehicle.id, connectAttemptId: link!.connectAttemptId!, ownerId: first.owner.id, via: "link" });

      // A second owner only opened it.
      const second = messages.find((candidate) => candidate.toEmail === members[1]!.owner.email)!;
      await openReconnectLink(db, signing.key, tokenOf(second.text.match(/https:\/\/fleet\.example\.test\/r\/\S+/)![0]));

      const progress = await campaignProgress(db, campaign.id);
      expect(progress!.funnel).toEqual({ total: 3, notified: 3, opened: 2, started: 1, reconnected: 1 });
      const csv = remainingMembersCsv(progress!.members).trim().split("\r\n");
      expect(csv).toHaveLength(3);
      expect(csv.slice(1).map((line) => line.split(",")[0]).sort()).toEqual([members[1]!.vehicle.id, members[2]!.vehicle.id].sort());

      expect(await sendCampaignReminders(db, options, campaign.id)).toBe(2);
      const afterReminders = await db.select().from(outboxMessages).where(eq(outboxMessages.campaignId, campaign.id));
      expect(afterReminders.filter((row) => row.kind === "reminder").map((row) => row.toEmail).sort()).toEqual([members[1]!.owner.email, members[2]!.owner.email].sort());
    });

    it("counts a vehicle reconnected from the app (not through the link) as reconnected", async () => {
      const { owner, vehicle } = await brokenVehicle(`Solo${crypto.randomUUID().slice(0, 6)}`);
      const { campaign } = await createCampaign(db, options, {
        name: "Credential reset",
        reason: "credential_reset",
        message: "Please sign in again after the password reset.",
        deadline: new Date(Date.now() + 86_400_000),
        selection: { kind: "make", make: vehicle.make },
        createdBy: null,
      });
      const { attempt } = await createConnectAttempt(db, { purpose: "reauthenticate", startedBy: owner.id, ownerId: owner.id, vehicleId: vehicle.id });
      await recordReconnect(db, { vehicleId: vehicle.id, connectAttemptId: attempt.id, ownerId: owner.id, via: "app" });
      expect((await campaignProgress(db, campaign.id))!.funnel.reconnected).toBe(1);
    });
  });

  describe("outbox delivery", () => {
    it("sends pending messages through the mailer and keeps failures for another attempt", async () => {
      const { vehicle } = await brokenVehicle();
      const { message } = await sendReconnectLink(db, { signing, mailerConfigured: true }, { vehicleId: vehicle.id, createdBy: null });
      expect(message.status).toBe("pending");
      const failing = { send: async () => Promise.reject(new Error("connection refused")) };
      await deliverPendingMessages(db, failing);
      let [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, message.id));
      expect(row).toMatchObject({ status: "pending", attempts: 1, lastError: "connection refused" });

      const sent: { to: string; subject: string }[] = [];
      await deliverPendingMessages(db, { send: async (mail) => void sent.push(mail) });
      [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, message.id));
      expect(row).toMatchObject({ status: "sent", attempts: 2, lastError: null });
      expect(sent.filter((mail) => mail.to === message.toEmail)).toHaveLength(1);
    });
  });
});
