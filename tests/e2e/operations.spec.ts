import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_FLEET_ACCOUNTS } from "@/lib/demo/identities";

/**
 * Acting on the fleet in demo mode: remote commands confirmed by the emulated car's next webhook,
 * who may send them, an alert rule firing once in the app and at a webhook receiver when the
 * emulator drains a battery, and the audit log recording all of it.
 */

const PASSWORD = "demo1234";
// The e2e server runs the emulator with its demo management token (control plane: Basic default:<AMT>).
const CONTROL = { authorization: `Basic ${Buffer.from("default:fleetdeck-demo-amt").toString("base64")}` };
const HYUNDAI = DEMO_FLEET_ACCOUNTS.find((account) => account.make === "Hyundai")!;
const COMMANDED = HYUNDAI.vehicles[0]!;
const DRAINED = HYUNDAI.vehicles[1]!;

async function signIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return page;
}

/** Opens a demo vehicle's page through the vehicle list (waiting for the demo fleet import) and returns its id. */
async function openVehicle(page: Page, nickname: string): Promise<string> {
  await expect(async () => {
    await page.goto(`/vehicles?q=${encodeURIComponent(nickname)}`);
    await page.getByRole("link", { name: nickname, exact: true }).first().click({ timeout: 2_000 });
    await page.waitForURL(/\/vehicles\/[0-9a-f-]{36}$/, { timeout: 5_000 });
  }).toPass({ timeout: 60_000 });
  return page.url().split("/").pop()!;
}

test("a manager unlocks and locks a car and sees each confirmed; viewers get no buttons; an owner cannot command another's car", async ({ browser }) => {
  const manager = await signIn(browser, "manager@demo.fleetdeck.dev");
  const vehicleId = await openVehicle(manager, COMMANDED.nickname);
  const panel = manager.getByTestId("vehicle-commands");
  await expect(panel.getByRole("button", { name: "Start charging" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Stop charging" })).toBeVisible();
  await expect(panel.getByRole("button", { name: "Set charge limit" })).toBeVisible();

  await panel.getByRole("button", { name: "Unlock" }).click();
  const dialog = manager.getByRole("dialog");
  await expect(dialog).toContainText(`Unlock ${COMMANDED.nickname}?`);
  await manager.screenshot({ path: "test-results/screenshots/command-unlock-confirm.png" });
  await dialog.getByRole("button", { name: "Unlock" }).click();
  const latest = panel.getByTestId("command-row").first();
  await expect(latest).toHaveAttribute("data-kind", "unlock");
  await expect(latest.getByTestId("command-status")).toHaveAttribute("data-status", "confirmed", { timeout: 30_000 });
  await expect(panel.getByTestId("state-locked")).toHaveText("Unlocked");

  await panel.getByRole("button", { name: "Lock", exact: true }).click();
  await expect(panel.getByTestId("command-row").first()).toHaveAttribute("data-kind", "lock");
  await expect(panel.getByTestId("command-row").first().getByTestId("command-status")).toHaveAttribute("data-status", "confirmed", { timeout: 30_000 });
  await expect(panel.getByTestId("state-locked")).toHaveText("Locked");
  await expect(manager.getByTestId("vehicle-activity")).toContainText("requested a command");
  await manager.screenshot({ path: "test-results/screenshots/vehicle-commands.png", fullPage: true });

  // Out of range: 400 with the allowed range; not JSON: 400.
  const tooLow = await manager.request.post(`/api/vehicles/${vehicleId}/commands`, { data: { command: "set_charge_limit", percent: 30, idempotencyKey: `e2e-${Date.now()}-low` } });
  expect(tooLow.status()).toBe(400);
  expect(await tooLow.json()).toMatchObject({ allowed: { min: 50, max: 100 } });

  await manager.goto("/commands");
  await expect(manager.getByTestId("command-row").filter({ hasText: COMMANDED.nickname })).toHaveCount(2);
  await manager.screenshot({ path: "test-results/screenshots/commands.png", fullPage: true });

  const viewer = await signIn(browser, "viewer@demo.fleetdeck.dev");
  await viewer.goto(`/vehicles/${vehicleId}`);
  await expect(viewer.getByRole("heading", { name: COMMANDED.nickname })).toBeVisible();
  await expect(viewer.getByRole("button", { name: "Lock", exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: "Unlock" })).toHaveCount(0);
  await expect(viewer.getByTestId("vehicle-commands")).toHaveCount(0);
  const viewerPost = await viewer.request.post(`/api/vehicles/${vehicleId}/commands`, { data: { command: "unlock", idempotencyKey: `e2e-${Date.now()}-viewer` } });
  expect(viewerPost.status()).toBe(403);

  const owner = await signIn(browser, "owner@demo.fleetdeck.dev");
  expect((await owner.goto(`/vehicles/${vehicleId}`))?.status()).toBe(404);
  const ownerPost = await owner.request.post(`/api/vehicles/${vehicleId}/commands`, { data: { command: "unlock", idempotencyKey: `e2e-${Date.now()}-owner` } });
  expect(ownerPost.status()).toBe(404);
  expect((await owner.request.post(`/api/commands/bulk`, { data: { command: "unlock", idempotencyKey: `e2e-${Date.now()}-bulk`, filters: {} } })).status()).toBe(403);
  await openVehicle(owner, "Blue Arrow");
  await expect(owner.getByTestId("vehicle-commands").getByRole("button", { name: "Lock", exact: true })).toBeVisible();
});

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

test("a battery-below-20 % rule fires once, in the app and at a webhook receiver, when the emulator drains a car; the audit log shows it", async ({ browser, request }) => {
  const received: Received[] = [];
  const receiver: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => {
      received.push({ headers: incoming.headers, body: Buffer.concat(chunks).toString("utf8") });
      outgoing.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/fleetdeck`;
  try {
    const manager = await signIn(browser, "manager@demo.fleetdeck.dev");
    const vehicleId = await openVehicle(manager, DRAINED.nickname);

    await manager.goto("/alerts/webhooks");
    await manager.getByLabel("Name").fill("E2E receiver");
    await manager.getByLabel("URL").fill(url);
    await manager.getByRole("button", { name: "Add endpoint" }).click();
    const secret = (await manager.getByTestId("endpoint-secret-value").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    // Fleetdeck itself is refused as a target (no SSRF into its own API).
    await manager.getByLabel("Name").fill("Loop");
    await manager.getByLabel("URL").fill("http://127.0.0.1:" + new URL(manager.url()).port + "/api/health");
    await manager.getByRole("button", { name: "Add endpoint" }).click();
    await expect(manager.getByTestId("form-error")).toContainText("Fleetdeck itself");

    await manager.goto("/alerts");
    await manager.getByLabel("Watch for").selectOption("battery_below");
    await manager.getByLabel("Name").fill("Battery below 20 %");
    await manager.getByLabel("Threshold (%)").fill("20");
    await manager.getByLabel("Vehicles").selectOption("vehicle");
    await manager.getByLabel("Vehicle", { exact: true }).selectOption({ label: DRAINED.nickname });
    await manager.getByLabel("Webhook: E2E receiver").check();
    await manager.getByRole("button", { name: "Create rule" }).click();
    await expect(manager.getByTestId("alert-rule").filter({ hasText: "Battery below 20 %" })).toBeVisible();
    await manager.screenshot({ path: "test-results/screenshots/alerts.png", fullPage: true });

    await manager.goto(`/vehicles/${vehicleId}`);
    const drained = await request.post(`/sim/control/vehicles/${DRAINED.id}/actions`, { headers: CONTROL, data: { action: "drain" } });
    expect(drained.ok()).toBe(true);

    // In the app: the bell counts it, live.
    const bell = manager.getByRole("link", { name: "Notifications" });
    await expect(bell.getByTestId("notifications-unread")).toHaveText("1", { timeout: 30_000 });
    // At the receiver: one signed delivery.
    await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
    const delivery = received[0]!;
    const [t, v1] = String(delivery.headers["fleetdeck-signature"]).split(",").map((part) => part.split("=")[1]);
    expect(v1).toBe(createHmac("sha256", secret).update(`${t}.${delivery.body}`).digest("hex"));
    const payload = JSON.parse(delivery.body);
    expect(payload).toMatchObject({ type: "alert.triggered", rule: { name: "Battery below 20 %", kind: "battery_below" }, vehicle: { id: vehicleId }, data: { stateOfCharge: 15, threshold: 20 } });

    // Another reading below the threshold (the car reports after a command) does not alert again.
    const panel = manager.getByTestId("vehicle-commands");
    await panel.getByRole("button", { name: "Lock", exact: true }).click();
    await expect(panel.getByTestId("command-row").first().getByTestId("command-status")).toHaveAttribute("data-status", "confirmed", { timeout: 30_000 });
    await manager.goto("/alerts/webhooks");
    await expect(manager.getByTestId("endpoint-delivery").filter({ hasText: "alert.triggered" })).toHaveCount(1);
    await expect(manager.getByTestId("endpoint-delivery").first()).toHaveAttribute("data-status", "delivered");
    await manager.screenshot({ path: "test-results/screenshots/alert-webhooks.png", fullPage: true });
    expect(received).toHaveLength(1);

    await bell.click();
    await expect(manager).toHaveURL(/\/notifications$/);
    const notifications = manager.getByTestId("notification");
    await expect(notifications).toHaveCount(1);
    await expect(notifications.first()).toContainText(`${DRAINED.nickname}: battery at 15 %`);
    await manager.screenshot({ path: "test-results/screenshots/notifications.png", fullPage: true });
    await manager.getByRole("button", { name: "Mark all read" }).click();
    await expect(bell.getByTestId("notifications-unread")).toHaveCount(0);

    await manager.goto("/audit");
    const log = manager.getByTestId("audit-list");
    for (const action of ["auth.sign_in", "endpoint.create", "alert_rule.create", "command.request", "command.result"]) {
      await expect(log.locator(`[data-action="${action}"]`).first()).toBeVisible();
    }
    await expect(log.locator('[data-action="endpoint.create"]').filter({ hasText: "denied" })).toHaveCount(1);
    await manager.getByLabel("Action").selectOption("command.");
    await manager.getByRole("button", { name: "Apply" }).click();
    await expect(manager).toHaveURL(/action=command\./);
    await expect(log.locator('[data-action="auth.sign_in"]')).toHaveCount(0);
    await expect(log.locator('[data-action="command.request"]').first()).toBeVisible();
    await manager.screenshot({ path: "test-results/screenshots/audit.png", fullPage: true });
    const csv = await manager.request.get("/api/audit/export?action=command.");
    expect(csv.headers()["content-type"]).toContain("text/csv");
    expect(await csv.text()).toContain("command.request");
    expect((await request.get("/api/audit/export")).status()).toBe(401);
  } finally {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
  }
});
