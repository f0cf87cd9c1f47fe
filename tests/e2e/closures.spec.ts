import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signPayload } from "../../lib/smartcar/webhook-crypto";
import { DEMO, DEMO_MANAGEMENT_TOKEN, controlEmulator, demoFleet, emulatorVehicles, signIn } from "./support";

/**
 * Doors, windows and trunk (issue 13 item 2): the emulator delivers their changes as triggers of
 * their own, each tile shows its reading's age, and the "Doors and locks" summary says when it
 * combines readings of different ages.
 */

test("doors, windows and trunk arrive as changes of their own; the doors-and-locks summary says when its readings differ in age", async ({ page, request }) => {
  test.setTimeout(180_000);
  await signIn(page, DEMO.manager, "/vehicles");
  const fleet = await demoFleet(page);
  const car = fleet.find((vehicle) => vehicle.nickname === "HS Camry")!;
  const simulated = (await emulatorVehicles(request)).find((vehicle) => vehicle.nickname === "HS Camry")!;
  const act = (action: string) => controlEmulator(request, `vehicles/${simulated.id}/actions`, { action });
  await act("end-trip");
  await act("wake");

  await page.goto(`/vehicles/${car.id}`);
  const summary = page.getByTestId("highlight-security");
  await act("open-window");
  await expect(page.getByTestId("signal-closure-windows")).toContainText("1 open");
  await expect(summary).toContainText("1 window open");
  await act("open-trunk");
  await expect(summary).toContainText("Unlocked, 1 window open, trunk open");
  await expect(page.getByTestId("signal-closure-reartrunk")).toContainText("Open");
  // Every closure tile carries its own reading's age.
  for (const code of ["closure-islocked", "closure-doors", "closure-windows", "closure-reartrunk"]) {
    await expect(page.getByTestId(`signal-${code}`).locator("[data-freshness]")).toHaveCount(1);
  }
  await page.screenshot({ path: "test-results/screenshots/vehicle-closures.png", fullPage: true });
  await act("close-window");
  await act("close-trunk");
  await expect(summary).toContainText("Unlocked, all closed");
  await expect(page.getByTestId("security-mixed-ages")).toHaveCount(0);

  // Smartcar then reports only the lock, a minute after the doors, windows and trunk it reported last.
  const detail = (await (await page.request.get(`/api/vehicles/${car.id}`)).json()) as { signals: { code: string; oemUpdatedAt: string }[] };
  const doorsAt = Date.parse(detail.signals.find((signal) => signal.code === "closure-doors")!.oemUpdatedAt);
  expect(doorsAt - Date.now(), "the emulator stamps readings in the future").toBeLessThan(5_000);
  await page.waitForTimeout(Math.max(0, doorsAt + 61_000 - Date.now()));
  const at = Date.now();
  const body = JSON.stringify({
    eventId: randomUUID(),
    eventType: "VEHICLE_STATE",
    vehicleId: simulated.id,
    data: {
      user: { id: simulated.connectedUserIds[0] },
      vehicle: { id: simulated.id, make: "TOYOTA", model: "Camry", year: 2021 },
      triggers: [{ code: "closure-islocked", name: "IsLocked", group: "Closure" }],
      signals: [{ code: "closure-islocked", name: "IsLocked", group: "Closure", body: { value: true }, status: { value: "SUCCESS" }, meta: { oemUpdatedAt: at, fetchedAt: at, retrievedAt: at } }],
    },
    meta: { version: "4.0", webhookId: "e2e", webhookName: "e2e", deliveryId: randomUUID(), deliveredAt: at, mode: "SIMULATED", signalCount: 1 },
  });
  const delivered = await request.post("/api/webhooks/smartcar", {
    headers: { "content-type": "application/json", "sc-signature": signPayload(DEMO_MANAGEMENT_TOKEN, body) },
    data: body,
  });
  expect(delivered.status()).toBe(200);
  await expect(summary).toContainText("Locked, all closed");
  await expect(page.getByTestId("security-mixed-ages")).toContainText(/Not one report: doors, windows, trunk as of 1 min ago/);
  await expect(page.getByTestId("signal-closure-doors")).toContainText("1 min ago");
  await page.screenshot({ path: "test-results/screenshots/vehicle-closures-mixed-ages.png" });
  await act("release");
});
