import { expect, test } from "@playwright/test";
import { DEMO_FLEET_ACCOUNTS } from "../../lib/demo/identities";
import { DEMO, breakConnectionAndSendLink, demoFleet, reconnectThroughLink, signIn } from "./support";

/** The Outbox (issue 13 item 8): each message says whom it went to, about which car, and in what state. */

const CARS = [
  { nickname: "MF i4", account: DEMO_FLEET_ACCOUNTS.find((account) => account.make === "BMW")! },
  { nickname: "SC Tucson", account: DEMO_FLEET_ACCOUNTS.find((account) => account.make === "Hyundai")! },
];

test("an outbox row shows recipient, vehicle and status, the link to pass on, and a marked toggle for the message", async ({ page, request, browser }) => {
  test.setTimeout(150_000);
  await signIn(page, DEMO.manager, "/reconnect");
  await demoFleet(page);
  for (const car of CARS) {
    const simulatedId = car.account.vehicles.find((vehicle) => vehicle.nickname === car.nickname)!.id;
    await breakConnectionAndSendLink(page, request, { simulatedId, nickname: car.nickname });
  }

  await page.goto("/outbox");
  const rows = page.getByTestId("outbox-message");
  for (const car of CARS) {
    const row = rows.filter({ has: page.getByTestId("outbox-vehicle").getByText(car.nickname, { exact: true }) }).first();
    await expect(row.getByTestId("outbox-recipient")).toContainText(car.account.oemEmail);
    await expect(row.getByTestId("outbox-status")).toHaveText("In outbox only");
    await expect(row.getByTestId("outbox-link")).toHaveText(/\/r\/[A-Za-z0-9._~-]+$/);
    const toggle = row.getByText("Show message");
    await expect(toggle).toBeVisible();
    await expect(row.getByText(/lost its connection to your/)).toBeHidden();
    await toggle.click();
    await expect(row.getByText(/lost its connection to your/)).toBeVisible();
    await expect(row.getByText("Hide message")).toBeVisible();
  }
  await page.screenshot({ path: "test-results/screenshots/outbox.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
  await page.screenshot({ path: "test-results/screenshots/outbox-phone.png", fullPage: true });

  // The links work: each owner reconnects through theirs, which leaves the fleet healthy again.
  const owner = await (await browser.newContext()).newPage();
  for (const car of CARS) {
    const link = await rows.filter({ has: page.getByTestId("outbox-vehicle").getByText(car.nickname, { exact: true }) }).first().getByTestId("outbox-link").textContent();
    await reconnectThroughLink(owner, link!, car.account.oemEmail);
  }
  await expect(async () => {
    await page.goto("/reconnect");
    for (const car of CARS) await expect(page.getByRole("row", { name: new RegExp(`\\(${car.nickname}\\)`) })).toHaveCount(0, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
});
