import { expect, test } from "@playwright/test";
import { DEMO, demoFleet, signIn } from "./support";

/** The vehicles list and page: sorting by the shown name (issue 13 item 6), VIN, plate and label (item 5). */

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
