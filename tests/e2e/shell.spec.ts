import { expect, test, type Page, type Request } from "@playwright/test";
import { DEMO, controlEmulator, demoFleet, emulatorVehicles, horizontalOverflow, signIn } from "./support";

/**
 * The signed-in frame: navigation per role (issue 13 item 4), the phone layout (item 7), the presenter
 * link to /sim and back (item 3), and live updates that refresh only what a page shows (item 12).
 */

const PAGES = [
  "/fleet",
  "/vehicles",
  "/commands",
  "/errors",
  "/webhooks",
  "/reconnect",
  "/migration",
  "/outbox",
  "/alerts",
  "/reports",
  "/audit",
  "/settings",
  "/sim",
];
const EXPECTED_NAV = {
  manager: PAGES,
  viewer: ["/fleet", "/vehicles", "/commands", "/errors", "/reconnect", "/migration"],
  owner: ["/vehicles", "/commands", "/errors", "/reconnect", "/alerts"],
} as const;

async function offeredLinks(page: Page): Promise<string[]> {
  const links = page.getByRole("navigation", { name: "Main" }).getByRole("link");
  await expect(links.first()).toBeVisible();
  return links.evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
}

for (const role of ["manager", "viewer", "owner"] as const) {
  test(`the ${role} is offered exactly the pages the ${role} may open`, async ({ page }) => {
    await signIn(page, DEMO[role]);
    const offered = await offeredLinks(page);
    expect(offered).toEqual([...EXPECTED_NAV[role]]);
    for (const path of PAGES) {
      const response = await page.goto(path);
      const opened = response?.status() === 200 && new URL(page.url()).pathname === path;
      expect(opened, `${role} opening ${path} (HTTP ${response?.status()}, at ${new URL(page.url()).pathname})`).toBe(offered.includes(path));
    }
  });
}

test("on a phone the navigation is a menu, and no page scrolls sideways", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  for (const role of ["manager", "viewer", "owner"] as const) {
    await page.context().clearCookies();
    await signIn(page, DEMO[role]);
    await demoFleet(page, role === "owner" ? 2 : 20);
    const menu = page.getByRole("button", { name: "Open menu" });
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
    await menu.click();
    const nav = page.getByRole("navigation", { name: "Main" });
    await expect(nav.getByRole("link")).toHaveCount(EXPECTED_NAV[role].length);
    await expect(nav.getByRole("link").first()).toBeFocused();
    for (const link of await nav.getByRole("link").all()) expect(await link.boundingBox().then((box) => box!.x + box!.width)).toBeLessThanOrEqual(390);
    if (role === "manager") await page.screenshot({ path: "test-results/screenshots/shell-phone-menu.png" });
    await page.keyboard.press("Escape");
    await expect(nav).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Open menu" })).toBeFocused();

    // Following a link in the menu closes it.
    await page.getByRole("button", { name: "Open menu" }).click();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Errors" }).click();
    await expect(page).toHaveURL(/\/errors$/);
    await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);

    for (const path of EXPECTED_NAV[role].filter((path) => path !== "/sim")) {
      await page.goto(path);
      await expect(page.locator("main h1").first()).toBeVisible();
      expect(await horizontalOverflow(page), `${role} ${path} scrolls sideways`).toBe(0);
    }
  }

  // The vehicles list is a list of cards: no column headers, every row within the screen.
  await page.goto("/vehicles");
  await expect(page.getByRole("columnheader")).toHaveCount(0);
  const rows = page.getByTestId("vehicle-row");
  await expect(rows.first()).toBeVisible();
  for (const row of (await rows.all()).slice(0, 3)) expect(await row.boundingBox().then((box) => box!.x + box!.width)).toBeLessThanOrEqual(390);
  await page.screenshot({ path: "test-results/screenshots/vehicles-phone-cards.png", fullPage: true });
});

test("a manager reaches the presenter page from the shell and comes back; the make-wide error fits its card", async ({ page }) => {
  await signIn(page, DEMO.manager, "/fleet");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Emulator (presenter)" }).click();
  await expect(page).toHaveURL(/\/sim$/);
  await expect(page.getByRole("heading", { name: "Smartcar emulator" })).toBeVisible();

  for (const width of [1280, 1024, 390]) {
    await page.setViewportSize({ width, height: 900 });
    const form = page.getByTestId("make-error-form");
    const card = form.locator("xpath=ancestor::section[1]");
    const cardBox = (await card.boundingBox())!;
    for (const control of await form.locator("select, button").all()) {
      const box = (await control.boundingBox())!;
      expect(box.x + box.width, `${width}px: a make-wide error control leaves its card`).toBeLessThanOrEqual(cardBox.x + cardBox.width + 0.5);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByTestId("back-to-app").click();
  await expect(page).toHaveURL(/\/fleet$/);
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
});

test.describe("live updates", () => {
  test.describe.configure({ timeout: 120_000 });

  /** Server-component refreshes of `path` (router.refresh fetches the page with `RSC: 1`, without a prefetch header). */
  function countRefreshes(page: Page, path: string): { count: () => number } {
    let refreshes = 0;
    page.on("request", (request) => {
      const headers = request.headers();
      if (headers.rsc === "1" && !headers["next-router-prefetch"] && new URL(request.url()).pathname === path) refreshes += 1;
    });
    return { count: () => refreshes };
  }

  /** Counts live notices in the page, split by whether they name `vehicleId`. */
  async function watchNotices(page: Page, vehicleId: string) {
    await page.evaluate((mine) => {
      const counts = { mine: 0, others: 0 };
      (window as unknown as { liveCounts: typeof counts }).liveCounts = counts;
      window.addEventListener("fleetdeck:live", (event) => {
        const notice = (event as CustomEvent<{ type: string; vehicleId?: string | null }>).detail;
        if (notice.type !== "delivery") counts[notice.vehicleId === mine ? "mine" : "others"] += 1;
      });
    }, vehicleId);
    return () => page.evaluate(() => (window as unknown as { liveCounts: { mine: number; others: number } }).liveCounts);
  }

  test("an idle vehicle page refreshes only for its own vehicle", async ({ page, request }) => {
    await signIn(page, DEMO.manager, "/vehicles");
    const fleet = await demoFleet(page);
    const simulated = await emulatorVehicles(request);
    const simIdOf = (nickname: string) => simulated.find((vehicle) => vehicle.nickname === nickname)!.id;
    const target = fleet.find((vehicle) => vehicle.nickname === "NW Van 3")!;
    // Held by the presenter and awake, so nothing about this car changes unless the test changes it.
    await controlEmulator(request, `vehicles/${simIdOf("NW Van 3")}/actions`, { action: "end-trip" });
    await controlEmulator(request, `vehicles/${simIdOf("NW Van 3")}/actions`, { action: "wake" });

    await page.goto(`/vehicles/${target.id}`);
    await expect(page.getByTestId("live-status").first()).toHaveAttribute("data-state", "live");
    const refreshes = countRefreshes(page, `/vehicles/${target.id}`);
    const notices = await watchNotices(page, target.id);

    for (const other of ["NW Van 4", "GL Golf", "HS Camry", "MF 330i"]) await controlEmulator(request, `vehicles/${simIdOf(other)}/actions`, { action: "open-door" });
    await expect.poll(async () => (await notices()).others, { timeout: 30_000 }).toBeGreaterThanOrEqual(4);
    // Give a wrongly wired page time to refresh (it waits 300 ms after a notice) before judging.
    await page.waitForTimeout(1_500);
    expect(refreshes.count()).toBe(0);
    expect((await notices()).mine).toBe(0);

    await controlEmulator(request, `vehicles/${simIdOf("NW Van 3")}/actions`, { action: "open-door" });
    await expect.poll(() => refreshes.count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
    await expect(page.getByTestId("highlight-security")).toContainText("Unlocked");
    await controlEmulator(request, `vehicles/${simIdOf("NW Van 3")}/actions`, { action: "close-door" });
    await controlEmulator(request, `vehicles/${simIdOf("NW Van 3")}/actions`, { action: "release" });
  });

  test("the overview and the vehicles list batch the fleet's notices", async ({ page, request }) => {
    await signIn(page, DEMO.manager, "/fleet");
    await demoFleet(page);
    // Fleet cars only: the demo owner's cars and the one the other live test holds are left alone.
    const spared = ["Blue Arrow", "Family Y", "Weekend S", "NW Van 3"];
    const fleetCars = async () =>
      (await emulatorVehicles(request)).filter((vehicle) => vehicle.connectedUserIds.length > 0 && !spared.includes(vehicle.nickname)).slice(0, 8);

    for (const [path, isRefresh] of [
      ["/fleet", (url: URL, headers: Record<string, string>) => url.pathname === "/fleet" && headers.rsc === "1" && !headers["next-router-prefetch"]],
      ["/vehicles", (url: URL) => url.pathname === "/api/vehicles"],
    ] as const) {
      await page.goto(path);
      await expect(page.getByTestId("live-status").first()).toHaveAttribute("data-state", "live");
      const notices = await watchNotices(page, "none");
      let refreshes = 0;
      const onRequest = (request: Request) => {
        if (isRefresh(new URL(request.url()), request.headers())) refreshes += 1;
      };
      page.on("request", onRequest);
      const others = await fleetCars();
      const startedAt = Date.now();
      // Each car starts or ends a trip: its gear changes, a trigger, so each sends a notice.
      for (const vehicle of others) await controlEmulator(request, `vehicles/${vehicle.id}/actions`, { action: vehicle.activity === "driving" ? "end-trip" : "start-trip" });
      await expect.poll(async () => (await notices()).others, { timeout: 30_000 }).toBeGreaterThanOrEqual(others.length);
      await page.waitForTimeout(6_000);
      page.off("request", onRequest);
      const seconds = (Date.now() - startedAt) / 1000;
      const received = (await notices()).others;
      // Many notices, few refreshes: at most one per batch window (5 s overview, 3 s list) plus the first.
      expect(refreshes, `${path}: ${refreshes} refreshes for ${received} notices in ${seconds.toFixed(1)} s`).toBeGreaterThanOrEqual(1);
      expect(refreshes).toBeLessThanOrEqual(Math.ceil(seconds / (path === "/fleet" ? 5 : 3)) + 1);
      expect(received).toBeGreaterThan(refreshes);
    }
    for (const vehicle of await fleetCars()) await controlEmulator(request, `vehicles/${vehicle.id}/actions`, { action: "release" });
  });

  test("the shell shows whether live updates flow: live, offline, live again", async ({ page }) => {
    await signIn(page, DEMO.viewer, "/fleet");
    const status = page.getByTestId("live-status").first();
    await expect(status).toHaveAttribute("data-state", "live");
    await expect(status).toContainText("Live");
    await page.context().setOffline(true);
    await expect(status).toHaveAttribute("data-state", "offline");
    await expect(status).toContainText("Offline");
    await page.screenshot({ path: "test-results/screenshots/shell-live-offline.png" });
    await page.context().setOffline(false);
    await expect(status).toHaveAttribute("data-state", "live", { timeout: 20_000 });
  });
});

test("pages load without a 404 (the favicon is served) and declare their icons", async ({ page }) => {
  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() === 404) missing.push(response.url());
  });
  await page.goto("/sign-in");
  await signIn(page, DEMO.manager, "/fleet");
  await expect(page.getByRole("heading", { name: "Fleet overview" })).toBeVisible();
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/icon/);
  expect(await page.locator('head link[rel="icon"]').count()).toBeGreaterThan(0);
  expect((await page.request.get((await page.locator('head link[rel="apple-touch-icon"]').getAttribute("href"))!)).status()).toBe(200);
  expect(missing).toEqual([]);
});
