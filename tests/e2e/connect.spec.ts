import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";

const PASSWORD = "demo1234";

async function signIn(page: Page, email: string) {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/sign-in/);
}

test.describe.serial("connecting a vehicle through Smartcar Connect", () => {
  let vehiclePath = "";

  test("the demo owner connects the Model S left on their Tesla account and sees its battery and odometer", async ({ page }) => {
    await signIn(page, "owner@demo.fleetdeck.dev");
    await page.goto("/vehicles");
    await page.getByRole("link", { name: "Connect a vehicle" }).click();

    // Before Smartcar's screen, the owner reads what will be asked and why, the remote commands' permissions included.
    await expect(page).toHaveURL(/\/connect$/);
    const requested = page.getByTestId("requested-permissions");
    await expect(requested.locator("[data-permission=read_location]")).toContainText("Where the car is");
    await expect(requested.locator("[data-permission=read_vin]")).toContainText("VIN");
    await expect(requested.locator("[data-permission=control_security]")).toContainText("lock and unlock");
    await expect(requested.locator("[data-permission=read_thermometer]")).toHaveCount(0);
    const listed = await requested
      .locator("[data-permission]")
      .evaluateAll((items) => items.map((item) => (item.querySelector("[data-required]") ? "required:" : "") + item.getAttribute("data-permission")));
    await page.screenshot({ path: "test-results/screenshots/connect-start-owner.png", fullPage: true });
    await page.getByRole("button", { name: "Connect a vehicle" }).click();

    // The emulator's Connect pages, reached through a URL the server built, asking for exactly those permissions.
    await expect(page).toHaveURL(/\/sim\/connect\/oauth\/authorize\?/);
    const authorize = new URL(page.url());
    expect(authorize.searchParams.get("scope")?.split(" ")).toEqual(listed);
    expect(authorize.searchParams.get("response_type")).toBe("code");
    expect(authorize.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await page.getByRole("button", { name: "Tesla" }).click();
    await page.getByLabel("Email").fill("owner@demo.fleetdeck.dev");
    await page.getByLabel("Password").fill("any password");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByRole("heading", { name: "Fleetdeck wants access" })).toBeVisible();
    for (const nickname of ["Blue Arrow", "Family Y"]) await page.getByRole("checkbox", { name: new RegExp(nickname) }).uncheck();
    await expect(page.getByRole("checkbox", { name: /Weekend S/ })).toBeChecked();
    await page.screenshot({ path: "test-results/screenshots/connect-grant.png", fullPage: true });
    await page.getByRole("button", { name: "Allow" }).click();

    await expect(page).toHaveURL(/\/vehicles\/[0-9a-f-]{36}\?connected=1$/);
    vehiclePath = new URL(page.url()).pathname;
    await expect(page.getByRole("heading", { name: /Weekend S|Model S/ }).first()).toBeVisible();
    await expect(page.getByTestId("highlight-tractionbattery-stateofcharge")).toContainText("%");
    await expect(page.getByTestId("highlight-odometer-traveleddistance")).toContainText(/\d/);
    await page.screenshot({ path: "test-results/screenshots/connect-vehicle-page.png", fullPage: true });

    await page.getByRole("button", { name: "Refresh now" }).click();
    await expect(page.getByText(/Updated \d+ signals/)).toBeVisible();
  });

  test("the manager sees the newly connected vehicle in the fleet list", async ({ page }) => {
    await signIn(page, "manager@demo.fleetdeck.dev");
    await page.goto("/vehicles?q=Model%20S");
    await expect(page.getByRole("link", { name: /Weekend S|Model S/ }).first()).toBeVisible();
  });

  test("the viewer cannot trigger refresh now: no button, and the server refuses with 403", async ({ page }) => {
    expect(vehiclePath).not.toBe("");
    await signIn(page, "viewer@demo.fleetdeck.dev");
    await page.goto(vehiclePath);
    await expect(page.getByTestId("signal-highlights")).toBeVisible();
    await expect(page.getByRole("button", { name: "Refresh now" })).toHaveCount(0);
    const response = await page.request.post(`/api${vehiclePath}/refresh`);
    expect(response.status()).toBe(403);
  });

  test("a forged or replayed state stores nothing and explains itself", async ({ page }) => {
    await signIn(page, "owner@demo.fleetdeck.dev");
    await page.goto("/api/smartcar/callback?code=forged&user_id=00000000-0000-4000-8000-000000000000&state=forged-state");
    await expect(page.getByTestId("connect-result")).toHaveAttribute("data-error", "invalid_state");
    await expect(page.getByRole("heading", { name: "We could not complete this connection" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Try again" })).toBeVisible();
    await page.screenshot({ path: "test-results/screenshots/connect-invalid-state.png" });
  });

  test("a Connect error lands on a plain-words page with a way to try again", async ({ page }) => {
    await signIn(page, "owner@demo.fleetdeck.dev");
    await page.goto("/connect");
    await page.getByRole("button", { name: "Connect a vehicle" }).click();
    await page.getByRole("button", { name: "Tesla" }).click();
    await page.getByLabel("Email").fill("smartcar@invalid-subscription.com");
    await page.getByLabel("Password").fill("x");
    await page.getByRole("button", { name: "Continue" }).click();
    await expect(page.getByTestId("connect-result")).toHaveAttribute("data-error", "invalid_subscription");
    await page.screenshot({ path: "test-results/screenshots/connect-error.png" });
  });
});

test("an owner gets 404 for another owner's vehicle, on the page and in the API", async ({ page }) => {
  await signIn(page, "manager@demo.fleetdeck.dev");
  const list = await page.request.get("/api/vehicles?make=Ford&size=10");
  const { rows } = (await list.json()) as { rows: { id: string }[] };
  expect(rows.length).toBeGreaterThan(0);
  const fleetVehicle = rows[0]!.id;
  expect((await page.goto(`/vehicles/${fleetVehicle}`))?.status()).toBe(200);
  await page.request.post("/api/auth/signout").catch(() => undefined);
  await page.context().clearCookies();

  await signIn(page, "owner@demo.fleetdeck.dev");
  expect((await page.goto(`/vehicles/${fleetVehicle}`))?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Vehicle not found" })).toBeVisible();
  expect((await page.request.get(`/api/vehicles/${fleetVehicle}`)).status()).toBe(404);
  expect((await page.request.post(`/api/vehicles/${fleetVehicle}/refresh`)).status()).toBe(404);
});

test("the browser bundle holds no client secret, management token or access token", () => {
  const root = path.join(process.env.NEXT_DIST_DIR ?? ".next", "static");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else files.push(full);
    }
  };
  walk(root);
  expect(files.length).toBeGreaterThan(0);
  const forbidden = ["fleetdeck-demo-secret", "fleetdeck-demo-amt", "client_secret", "SMARTCAR_CLIENT_SECRET", "SMARTCAR_MANAGEMENT_TOKEN", "AUTH_SECRET"];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const secret of forbidden) expect(text.includes(secret), `${secret} found in ${file}`).toBe(false);
    expect(/\bBearer [A-Za-z0-9._~+/-]{20,}/.test(text), `a bearer token in ${file}`).toBe(false);
  }
});
