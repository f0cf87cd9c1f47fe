import { expect, test, type Page } from "@playwright/test";

const SCOPE = "required:read_vehicle_info read_odometer read_battery control_security";

function authorizeUrl(baseURL: string, state: string): string {
  const query = new URLSearchParams({
    response_type: "code",
    client_id: "fleetdeck-demo-client",
    redirect_uri: `${baseURL}/api/smartcar/callback`,
    scope: SCOPE,
    state,
    mode: "simulated",
  });
  return `/sim/connect/oauth/authorize?${query.toString()}`;
}

async function logInToConnect(page: Page, email: string) {
  await page.getByRole("button", { name: "Tesla" }).click();
  await expect(page.getByRole("heading", { name: "Sign in to Tesla" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill("anything");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { name: "Fleetdeck wants access" })).toBeVisible();
}

test("Connect: choose a brand, log in, allow → redirect with code, user_id and state", async ({ page, baseURL }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(authorizeUrl(baseURL!, "allow-state"));
  await expect(page.getByRole("heading", { name: "Connect your car" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/sim-connect-brands.png", fullPage: true });
  await logInToConnect(page, "2-vehicles@example.com");
  await expect(page.getByRole("checkbox", { name: /Model/ })).toHaveCount(2);
  await page.screenshot({ path: "test-results/screenshots/sim-connect-grant.png", fullPage: true });

  const callback = page.waitForRequest((request) => request.url().startsWith(`${baseURL}/api/smartcar/callback`));
  await page.getByRole("button", { name: "Allow" }).click();
  const params = new URL((await callback).url()).searchParams;
  expect(params.get("code")).toBeTruthy();
  expect(params.get("user_id")).toMatch(/^[0-9a-f-]{36}$/);
  expect(params.get("state")).toBe("allow-state");
});

test("Connect: deny → redirect with access_denied", async ({ page, baseURL }) => {
  await page.goto(authorizeUrl(baseURL!, "deny-state"));
  await logInToConnect(page, "owner@demo.fleetdeck.dev");
  await expect(page.getByText("Weekend S")).toBeVisible();
  const callback = page.waitForRequest((request) => request.url().startsWith(`${baseURL}/api/smartcar/callback`));
  await page.getByRole("button", { name: "Deny" }).click();
  const params = new URL((await callback).url()).searchParams;
  expect(params.get("error")).toBe("access_denied");
  expect(params.get("state")).toBe("deny-state");
  expect(params.get("code")).toBeNull();
});

test("Connect: an unregistered redirect_uri is refused on the page", async ({ page }) => {
  await page.goto("/sim/connect/oauth/authorize?response_type=code&client_id=fleetdeck-demo-client&redirect_uri=https://evil.example/cb");
  await expect(page.getByTestId("connect-error")).toContainText("redirect_uri is not registered");
});

test("the /sim presenter page lets a manager advance time and inject an error", async ({ page }) => {
  await page.goto("/sim");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill("manager@demo.fleetdeck.dev");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Smartcar emulator" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Vehicles \(\d+\)/ })).toBeVisible();

  await page.getByRole("button", { name: "+1 h" }).click();
  await expect(page.getByText("(+60 min)")).toBeVisible();

  await page.getByRole("button", { name: "Inject error Blue Arrow" }).click();
  await expect(page.getByRole("row", { name: "Blue Arrow" }).getByTestId("vehicle-error")).toHaveText("VEHICLE_STATE:UNREACHABLE");
  await page.screenshot({ path: "test-results/screenshots/sim-control.png", fullPage: true });

  await page.getByRole("button", { name: "Clear error Blue Arrow" }).click();
  await expect(page.getByRole("row", { name: "Blue Arrow" }).getByTestId("vehicle-error")).toHaveCount(0);
});
