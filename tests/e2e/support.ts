import { expect, type APIRequestContext, type Page } from "@playwright/test";

/** Shared by the browser tests: demo sign-in, waiting for the demo fleet, and the emulator's control plane. */

export const DEMO_PASSWORD = "demo1234";
export const DEMO = {
  manager: "manager@demo.fleetdeck.dev",
  owner: "owner@demo.fleetdeck.dev",
  viewer: "viewer@demo.fleetdeck.dev",
} as const;

/** The emulator's demo Application Management Token: signs its webhooks and opens its control plane. */
export const DEMO_MANAGEMENT_TOKEN = "fleetdeck-demo-amt";
const CONTROL_AUTHORIZATION = `Basic ${Buffer.from(`default:${DEMO_MANAGEMENT_TOKEN}`).toString("base64")}`;

export async function signIn(page: Page, email: string, path = "/"): Promise<void> {
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
}

export interface ListedVehicle {
  id: string;
  nickname: string | null;
  make: string;
  model: string;
  year: number;
  vin: string | null;
  status: string;
}

/**
 * The demo is up: the fleet imported in the background after start-up (the list has `atLeast` cars)
 * and the emulator's webhook verified, so changes made through the control plane reach the app.
 */
export async function demoFleet(page: Page, atLeast = 20): Promise<ListedVehicle[]> {
  let rows: ListedVehicle[] = [];
  await expect(async () => {
    const state = await page.request.get("/sim/control/state", { headers: { Authorization: CONTROL_AUTHORIZATION } });
    expect(((await state.json()) as { webhook: { verified: boolean } }).webhook.verified).toBe(true);
  }).toPass({ timeout: 90_000 });
  await expect(async () => {
    const response = await page.request.get("/api/vehicles?size=100");
    expect(response.status()).toBe(200);
    rows = ((await response.json()) as { rows: ListedVehicle[] }).rows;
    expect(rows.length).toBeGreaterThanOrEqual(atLeast);
  }).toPass({ timeout: 60_000 });
  return rows;
}

export async function controlEmulator(request: APIRequestContext, path: string, data?: unknown) {
  const response = await request.post(`/sim/control/${path}`, { headers: { Authorization: CONTROL_AUTHORIZATION }, data });
  expect(response.ok(), `POST /sim/control/${path}: ${response.status()}`).toBe(true);
  return response.json();
}

export async function clearEmulatorError(request: APIRequestContext, vehicleId: string) {
  const response = await request.delete(`/sim/control/vehicles/${vehicleId}/errors`, { headers: { Authorization: CONTROL_AUTHORIZATION } });
  expect(response.ok()).toBe(true);
}

/**
 * Breaks a car's connection (AUTHENTICATION_FAILED through the emulator, arriving as a VEHICLE_ERROR
 * webhook) and sends its owner a reconnect link from the Reconnect page, as a manager signed in on `page`.
 */
export async function breakConnectionAndSendLink(page: Page, request: APIRequestContext, car: { simulatedId: string; nickname: string }): Promise<void> {
  await controlEmulator(request, `vehicles/${car.simulatedId}/errors`, { type: "CONNECTED_SERVICES_ACCOUNT", code: "AUTHENTICATION_FAILED" });
  const row = page.getByRole("row", { name: new RegExp(`\\(${car.nickname}\\)`) });
  await expect(async () => {
    await page.goto("/reconnect");
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 45_000 });
  await row.getByRole("button", { name: "Send reconnect link" }).click();
  await expect(row.getByText(/Link sent to/)).toBeVisible();
}

/** The owner follows a reconnect link and signs in to the car maker again on the emulator's page. */
export async function reconnectThroughLink(page: Page, link: string, oemEmail: string): Promise<void> {
  await page.goto(link);
  await page.getByRole("button", { name: /Reconnect my/ }).click();
  await expect(page).toHaveURL(/\/sim\/connect\/oauth\/reauthenticate/);
  await page.getByLabel("Email").fill(oemEmail);
  await page.getByLabel("Password").fill("new-oem-password");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sim/"));
}

/** Horizontal overflow of the page in CSS pixels (0 when nothing scrolls sideways). */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

export interface EmulatorVehicle {
  id: string;
  nickname: string;
  powertrainType: string;
  activity: string;
  connectedUserIds: string[];
}

export async function emulatorVehicles(request: APIRequestContext): Promise<EmulatorVehicle[]> {
  const response = await request.get("/sim/control/state", { headers: { Authorization: CONTROL_AUTHORIZATION } });
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { vehicles: EmulatorVehicle[] }).vehicles;
}
