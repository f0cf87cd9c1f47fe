import { createHmac } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";

// The e2e server runs the emulator with its demo management token, which is also the HMAC key.
const AMT = "fleetdeck-demo-amt";

async function signInAsManager(page: Page) {
  await page.goto("/sign-in?callbackUrl=%2Fwebhooks");
  await page.getByLabel("Email").fill("manager@demo.fleetdeck.dev");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Webhooks", exact: true })).toBeVisible();
}

test("the webhooks page shows verified deliveries, inspects a payload and replays it", async ({ page }) => {
  await signInAsManager(page);
  // The emulator verifies the callback and sends FIRST_DELIVERY events shortly after start-up.
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("verify-status")).toContainText("Answered", { timeout: 1_000 });
    await expect(page.locator('[data-testid^="inspect-"]').first()).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 60_000 });
  await page.screenshot({ path: "test-results/screenshots/webhooks-list.png", fullPage: true });

  await page.getByLabel("Event type").selectOption("VEHICLE_STATE");
  await expect(page).toHaveURL(/type=VEHICLE_STATE/);
  const inspect = page.locator('[data-testid^="inspect-"]').first();
  const deliveryRow = page.getByRole("row").filter({ has: page.getByTestId(`${await inspect.getAttribute("data-testid")}`) });
  const latencyBefore = await deliveryRow.getByTestId("delivery-latency").textContent();
  await inspect.click();
  const inspector = page.getByTestId("delivery-inspector");
  await expect(inspector).toBeVisible();
  await expect(inspector.getByTestId("payload-json")).toContainText('"eventType": "VEHICLE_STATE"');
  // The signals table lists every signal the payload carries.
  const payload = JSON.parse((await inspector.getByTestId("payload-json").textContent())!) as { data: { signals: { code: string }[] } };
  expect(payload.data.signals.length).toBeGreaterThan(0);
  for (const { code } of payload.data.signals) await expect(inspector.getByTestId("signals-table")).toContainText(code);
  const timingBefore = await inspector.getByTestId("delivery-timing").textContent();
  await inspector.getByTestId("replay-delivery").click();
  await expect(inspector.getByTestId("replay-result")).toBeVisible();
  // The replay is recorded on its own; the delivery keeps its original processing time and latency.
  await expect(inspector.getByTestId("delivery-replay")).toHaveCount(1);
  await expect(inspector.getByTestId("delivery-replay")).toContainText("by manager@demo.fleetdeck.dev");
  expect(timingBefore).toMatch(/ · first processed in /);
  expect((await inspector.getByTestId("delivery-timing").textContent())?.split(" · ")[1]).toBe(timingBefore?.split(" · ")[1]);
  await expect(deliveryRow.getByTestId("delivery-latency")).toHaveText(latencyBefore!);
  await page.screenshot({ path: "test-results/screenshots/webhooks-inspector.png", fullPage: true });
});

test("the receiver answers VERIFY, refuses bad deliveries and counts them on the page", async ({ page, request }) => {
  const challenge = "e2e-challenge-123";
  const verifyBody = JSON.stringify({ eventId: "verify-e2e", eventType: "VERIFY", data: { challenge }, meta: { version: "4.0" } });
  const verify = await request.post("/api/webhooks/smartcar", { data: verifyBody, headers: { "content-type": "application/json" } });
  expect(verify.status()).toBe(200);
  expect(await verify.json()).toEqual({ challenge: createHmac("sha256", AMT).update(challenge).digest("hex") });

  const body = JSON.stringify({ eventId: "e2e-bad", eventType: "VEHICLE_STATE", vehicleId: "v", data: { signals: [] }, meta: { version: "4.0" } });
  const unsigned = await request.post("/api/webhooks/smartcar", { data: body, headers: { "content-type": "application/json", "sc-signature": "0".repeat(64) } });
  expect(unsigned.status()).toBe(401);
  const oversized = "x".repeat(51 * 1024);
  // Buffers, because Playwright JSON-encodes a string body that is not valid JSON.
  const tooLarge = await request.post("/api/webhooks/smartcar", {
    data: Buffer.from(oversized),
    headers: { "content-type": "application/json", "sc-signature": createHmac("sha256", AMT).update(oversized).digest("hex") },
  });
  expect(tooLarge.status()).toBe(413);
  const broken = "{not json";
  const malformed = await request.post("/api/webhooks/smartcar", {
    data: Buffer.from(broken),
    headers: { "content-type": "application/json", "sc-signature": createHmac("sha256", AMT).update(broken).digest("hex") },
  });
  expect(malformed.status()).toBe(400);

  await signInAsManager(page);
  await expect(page.getByTestId("rejection-counts")).toBeVisible();
  await expect(page.getByTestId("rejection-counts").locator("li")).not.toHaveCount(0);
});

test("viewers are refused the webhooks page with a real 403", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill("viewer@demo.fleetdeck.dev");
  await page.getByLabel("Password").fill("demo1234");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/sign-in"));
  const response = await page.goto("/webhooks");
  expect(response?.status()).toBe(403);
});
