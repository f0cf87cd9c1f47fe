import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signPayload } from "../../lib/smartcar/webhook-crypto";
import { DEMO, DEMO_MANAGEMENT_TOKEN, controlEmulator, demoFleet, emulatorVehicles, signIn } from "./support";

/**
 * The vehicles list and page: sorting by the shown name (issue 13 item 6), VIN, plate and label
 * (item 5), closures and their ages (item 2).
 */

test("sorting by Name follows the names the list shows, both ways", async ({ page }) => {
  await signIn(page, DEMO.manager, "/vehicles");
  await demoFleet(page);
  await page.goto("/vehicles?size=100");
  const names = page.getByTestId("vehicle-row").getByRole("link");
  await expect(names.first()).toBeVisible();
  const shown = await names.allTextContents();
  expect(shown.length).toBeGreaterThanOrEqual(20);
  const byName = (list: string[]) => [...list].sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0));
  expect(shown).toEqual(byName(shown));

  await page.getByRole("columnheader", { name: /Vehicle/ }).getByRole("button").click();
  await expect(page).toHaveURL(/dir=desc/);
  await expect(names.first()).toHaveText(byName(shown).at(-1)!);
  expect(await names.allTextContents()).toEqual(byName(shown).reverse());
});

test("the VIN is shown and found by search; a manager adds a plate and a label that search finds too", async ({ page }) => {
  await signIn(page, DEMO.manager, "/vehicles");
  const fleet = await demoFleet(page);
  const car = fleet.find((vehicle) => vehicle.nickname === "GL Buzz")!;
  expect(car.vin).toMatch(/^[A-Z0-9]{17}$/);

  await page.goto("/vehicles");
  await page.getByLabel("Search").fill(car.vin!.slice(-7).toLowerCase());
  await expect(page).toHaveURL(new RegExp(`q=${car.vin!.slice(-7).toLowerCase()}`));
  await expect(page.getByTestId("vehicle-row")).toHaveCount(1);
  await expect(page.getByTestId("vehicle-row").getByTestId("vehicle-vin")).toHaveText(car.vin!);

  await page.getByTestId("vehicle-row").getByRole("link").click();
  await expect(page.getByTestId("vehicle-attributes")).toContainText(car.vin!);
  await page.getByText("Edit plate and label").click();
  await page.getByLabel("Licence plate").fill("b-gl 4711");
  await page.getByLabel("Fleet label").fill("Depot Mitte · shuttle");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("vehicle-labels-result")).toHaveText("Saved.");
  await expect(page.getByTestId("vehicle-attributes")).toContainText("B-GL 4711");
  await expect(page.getByTestId("vehicle-attributes")).toContainText("Depot Mitte · shuttle");
  await page.screenshot({ path: "test-results/screenshots/vehicle-labels.png", fullPage: true });

  // A bad plate is refused and explained, and nothing is lost (the editor stays open after saving).
  await page.getByLabel("Licence plate").fill("<b>");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("vehicle-labels-result")).toContainText("Letters, digits");
  await expect(page.getByTestId("vehicle-attributes")).toContainText("B-GL 4711");

  for (const term of ["gl 4711", "depot mitte"]) {
    await page.goto(`/vehicles?q=${encodeURIComponent(term)}`);
    await expect(page.getByTestId("vehicle-row")).toHaveCount(1);
    await expect(page.getByTestId("vehicle-row").getByRole("link")).toHaveText("GL Buzz");
  }

  // Viewers read the plate and label but cannot edit them.
  await page.context().clearCookies();
  await signIn(page, DEMO.viewer, `/vehicles/${car.id}`);
  await expect(page.getByTestId("vehicle-attributes")).toContainText("B-GL 4711");
  await expect(page.getByText("Edit plate and label")).toHaveCount(0);
});

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

  // Smartcar then reports only the lock: the doors, windows and trunk readings are now older than it.
  const closedAt = Date.now();
  await page.waitForTimeout(Math.max(0, closedAt + 61_000 - Date.now()));
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
