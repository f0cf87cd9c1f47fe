import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_OWNER } from "../../lib/demo/identities";

/**
 * The owner's reconnect flow end to end, in the demo (emulator) world: a forced AUTHENTICATION_FAILED
 * on one of the demo owner's cars reaches the app as a VEHICLE_ERROR webhook, the fleet marks the car,
 * the owner follows the banner through the emulator's re-authentication page, and the car is healthy
 * again with its error closed.
 */

const PASSWORD = "demo1234";
const MANAGEMENT = `Basic ${Buffer.from("default:fleetdeck-demo-amt").toString("base64")}`;
const car = DEMO_OWNER.vehicles[0]!;

async function signIn(browser: Browser, email: string, path: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  return page;
}

test("forced AUTHENTICATION_FAILED → fleet marks the car → owner reconnects through the banner → healthy, error closed", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const manager = await signIn(browser, "manager@demo.fleetdeck.dev", "/vehicles");

  // The demo fleet is imported in the background after start-up; wait for the owner's car.
  await expect(async () => {
    await manager.goto(`/vehicles?q=${encodeURIComponent(car.model)}`);
    await expect(manager.getByTestId("vehicles-table").getByText(car.model)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });

  const forced = await request.post(`/sim/control/vehicles/${car.id}/errors`, {
    headers: { Authorization: MANAGEMENT },
    data: { type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED" },
  });
  expect(forced.status()).toBe(201);

  // The VEHICLE_ERROR webhook arrives and the fleet list marks the car.
  await manager.goto(`/vehicles?status=needs_reconnect`);
  await expect(async () => {
    await manager.reload();
    await expect(manager.getByTestId("vehicles-table").getByText(car.model)).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await manager.screenshot({ path: "test-results/screenshots/reauth-fleet-needs-reconnect.png", fullPage: true });

  // The error center explains it.
  await manager.goto("/errors");
  const group = manager.locator('[data-testid="error-group"][data-error-key="CONNECTED_SERVICES_ACCOUNT:AUTHENTICATION_FAILED"]');
  await expect(group).toBeVisible();
  await expect(group.getByTestId("error-group-headline")).toContainText("The owner must reconnect the vehicle");
  await expect(group.getByText(DEMO_OWNER.appUserEmail!)).toBeVisible();
  await manager.screenshot({ path: "test-results/screenshots/reauth-error-center.png", fullPage: true });

  // The owner sees the banner on whatever page they open, and follows it.
  const owner = await signIn(browser, DEMO_OWNER.appUserEmail!, "/fleet");
  const banner = owner.getByTestId("reconnect-banner");
  await expect(banner).toBeVisible();
  await expect(banner).toContainText(`${car.year} ${car.make} ${car.model}`);
  await owner.screenshot({ path: "test-results/screenshots/reauth-owner-banner.png", fullPage: true });
  await owner.goto("/vehicles");
  await expect(banner).toBeVisible();

  await banner.getByRole("button", { name: `Reconnect ${car.make}` }).click();
  await expect(owner.getByRole("heading", { name: `Reconnect your ${car.make}` })).toBeVisible();
  expect(new URL(owner.url()).pathname).toBe("/sim/connect/oauth/reauthenticate");
  expect(new URL(owner.url()).searchParams.get("vehicle_id")).toBe(car.id);
  await owner.screenshot({ path: "test-results/screenshots/reauth-emulator-page.png", fullPage: true });
  await owner.getByLabel("Email").fill(DEMO_OWNER.oemEmail);
  await owner.getByLabel("Password").fill("new-oem-password");
  await owner.getByRole("button", { name: "Continue" }).click();

  // Back in Fleetdeck: the vehicle page, healthy again, and no banner.
  await owner.waitForURL(/\/vehicles\/[0-9a-f-]{36}\?reconnected=1$/);
  const connectionsList = owner.getByTestId("vehicle-connections");
  await expect(connectionsList).toContainText("Active");
  await expect(owner.getByTestId("vehicle-open-errors")).toHaveCount(0);
  await expect(owner.getByTestId("reconnect-banner")).toHaveCount(0);
  await owner.screenshot({ path: "test-results/screenshots/reauth-owner-reconnected.png", fullPage: true });

  // The manager's error center has nothing open for it any more, and the history shows it closed.
  await manager.goto("/errors");
  await expect(manager.locator('[data-error-key="CONNECTED_SERVICES_ACCOUNT:AUTHENTICATION_FAILED"]')).toHaveCount(0);
  await manager.goto("/errors?state=closed&code=AUTHENTICATION_FAILED");
  const closed = manager.locator('[data-error-key="CONNECTED_SERVICES_ACCOUNT:AUTHENTICATION_FAILED"]');
  await expect(closed).toContainText(`${car.year} ${car.make} ${car.model}`);
  await expect(closed).toContainText("(resolved)");
  await manager.goto("/reconnect");
  await expect(manager.getByRole("table", { name: "Recent reconnects" })).toContainText(car.model);
  await manager.screenshot({ path: "test-results/screenshots/reauth-manager-history.png", fullPage: true });
});
