import { AxeBuilder } from "@axe-core/playwright";
import { expect, test, type Browser, type Page } from "@playwright/test";
import { DEMO_FLEET_ACCOUNTS, DEMO_OWNER } from "../../lib/demo/identities";
import { DEMO, breakConnectionAndSendLink, clearEmulatorError, controlEmulator, demoFleet, reconnectThroughLink, signIn, type ListedVehicle } from "./support";

/**
 * Accessibility (issue 13 item 13): the main pages of every role, in light and dark mode, at desktop
 * and phone width, have no serious or critical axe violations (WCAG 2.1 A/AA, colour contrast
 * included). The pages are scanned with content: an open error, a car needing reconnect, an outbox
 * message, a webhook delivery in the inspector.
 */

const BROKEN = { nickname: "RU Silverado", account: DEMO_FLEET_ACCOUNTS.find((account) => account.make === "Chevrolet")! };
const UNREACHABLE = { nickname: "GL Golf", account: DEMO_FLEET_ACCOUNTS.find((account) => account.make === "Volkswagen")! };
const simId = (car: typeof BROKEN) => car.account.vehicles.find((vehicle) => vehicle.nickname === car.nickname)!.id;

let fleet: ListedVehicle[] = [];
let reconnectLink = "";
let deliveryId = "";

async function newPage(browser: Browser, scheme: "light" | "dark", width: number): Promise<Page> {
  const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: 900 } });
  return context.newPage();
}

async function expectNoSeriousViolations(page: Page, path: string, scheme: "light" | "dark") {
  await page.goto(path);
  await expect(page.locator("html")).toHaveClass(scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b).*$/);
  await expect(page.locator("h1").first()).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => `${violation.id} (${violation.impact}): ${violation.nodes.slice(0, 3).map((node) => `${node.target.join(" ")} — ${node.failureSummary?.split("\n")[1]?.trim()}`).join(" | ")}`);
  expect(serious, `${path} in ${scheme} mode at ${page.viewportSize()?.width}px`).toEqual([]);
}

test.describe("accessibility", () => {
  test.describe.configure({ mode: "serial", timeout: 240_000 });

  test.beforeAll(async ({ browser, request }) => {
    const page = await newPage(browser, "light", 1280);
    await signIn(page, DEMO.manager, "/reconnect");
    fleet = await demoFleet(page);
    await controlEmulator(request, `vehicles/${simId(UNREACHABLE)}/errors`, { type: "VEHICLE_STATE", code: "UNREACHABLE" });
    await breakConnectionAndSendLink(page, request, { simulatedId: simId(BROKEN), nickname: BROKEN.nickname });
    await page.goto("/outbox");
    reconnectLink = new URL((await page.getByTestId("outbox-link").first().textContent())!).pathname;
    await page.goto("/webhooks?type=VEHICLE_ERROR");
    deliveryId = (await page.locator('[data-testid^="inspect-"]').first().getAttribute("data-testid"))!.replace("inspect-", "");
    await page.context().close();
  });

  test.afterAll(async ({ browser, request }) => {
    await clearEmulatorError(request, simId(UNREACHABLE));
    // The broken car's owner reconnects through the link, leaving the fleet as it was.
    const page = await newPage(browser, "light", 1280);
    await reconnectThroughLink(page, reconnectLink, BROKEN.account.oemEmail);
    await page.context().close();
  });

  for (const scheme of ["light", "dark"] as const) {
    test(`no serious or critical violations in ${scheme} mode`, async ({ browser }) => {
      const broken = fleet.find((vehicle) => vehicle.nickname === BROKEN.nickname)!;
      const ownersCar = fleet.find((vehicle) => vehicle.nickname === DEMO_OWNER.vehicles[0]!.nickname)!;

      const anonymous = await newPage(browser, scheme, 390);
      for (const path of ["/sign-in", reconnectLink]) await expectNoSeriousViolations(anonymous, path, scheme);
      await anonymous.context().close();

      const manager = await newPage(browser, scheme, 1280);
      await signIn(manager, DEMO.manager, "/fleet");
      for (const path of [
        "/fleet",
        "/vehicles",
        `/vehicles/${broken.id}`,
        "/errors",
        "/errors?state=closed",
        "/webhooks",
        `/webhooks?delivery=${deliveryId}`,
        "/reconnect",
        "/migration",
        "/outbox",
        "/settings",
        "/settings/people",
        "/connect",
        "/sim",
      ]) {
        await expectNoSeriousViolations(manager, path, scheme);
      }
      await manager.setViewportSize({ width: 390, height: 844 });
      for (const path of ["/fleet", "/vehicles", `/vehicles/${broken.id}`, "/errors", "/outbox"]) await expectNoSeriousViolations(manager, path, scheme);
      await manager.context().close();

      const viewer = await newPage(browser, scheme, 1280);
      await signIn(viewer, DEMO.viewer, "/fleet");
      for (const path of ["/fleet", "/migration"]) await expectNoSeriousViolations(viewer, path, scheme);
      await viewer.context().close();

      const owner = await newPage(browser, scheme, 390);
      await signIn(owner, DEMO.owner, "/vehicles");
      for (const path of ["/vehicles", `/vehicles/${ownersCar.id}`, "/errors", "/reconnect", "/connect"]) await expectNoSeriousViolations(owner, path, scheme);
      await owner.goto("/connect");
      await owner.getByRole("button", { name: "Connect a vehicle" }).click();
      await expect(owner).toHaveURL(/\/sim\/connect\/oauth\/authorize/);
      await expectNoSeriousViolations(owner, new URL(owner.url()).pathname + new URL(owner.url()).search, scheme);
      await owner.context().close();
    });
  }
});
