import { expect, test } from "@playwright/test";

test("the home page opens the fleet overview", async ({ page }) => {
  await page.goto("/");
  // Signed out, every page first asks for a sign-in (demo accounts exist in the e2e server).
  await expect(page).toHaveURL(/\/sign-in/);
  await page.getByLabel("Email").fill("manager@demo.fleetdeck.dev");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).first().getByRole("link", { name: "Webhooks" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/fleet-light.png", fullPage: true });

  await page.getByRole("radio", { name: "Dark" }).first().click();
  await expect(page.locator("html")).toHaveClass(/dark/);
  await page.screenshot({ path: "test-results/screenshots/fleet-dark.png", fullPage: true });
});

test("the health endpoint reports the embedded database and the emulator", async ({ page, request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", db: "pglite", smartcar: "emulator" });

  await page.goto("/api/health");
  await expect(page.locator("body")).toContainText('"db":"pglite"');
  await page.screenshot({ path: "test-results/screenshots/health.png" });
});

test("an unknown page shows a finished 404", async ({ page }) => {
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "This page took a wrong turn" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/not-found.png" });
});
