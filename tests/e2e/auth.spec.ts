import { expect, test, type Page } from "@playwright/test";

// The e2e server runs with FLEETDECK_DEMO=1 (playwright.config.ts), so the demo accounts exist and
// first-run setup is already past. Accounts and password are the ones the README lists.
const PASSWORD = "demo1234";
/** `lands`: where asking for /fleet ends after signing in (an owner's home is their own vehicles). */
const ACCOUNTS = [
  { email: "manager@demo.fleetdeck.dev", role: "Manager", lands: /\/fleet$/ },
  { email: "owner@demo.fleetdeck.dev", role: "Owner", lands: /\/vehicles$/ },
  { email: "viewer@demo.fleetdeck.dev", role: "Viewer", lands: /\/fleet$/ },
] as const;

async function signIn(page: Page, email: string, password = PASSWORD) {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** The user menu lives in the sidebar on wide screens; the tests run at desktop width. */
function userMenu(page: Page) {
  return page.getByTestId("user-menu");
}

test("signed out, every page leads to sign-in, which lists the demo accounts", async ({ page }) => {
  await page.goto("/vehicles?make=Tesla");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fvehicles%3Fmake%3DTesla$/);
  await expect(page.getByRole("heading", { name: "Sign in to Fleetdeck" })).toBeVisible();
  const demo = page.getByTestId("demo-accounts");
  for (const account of ACCOUNTS) await expect(demo).toContainText(account.email);
  await expect(demo).toContainText(PASSWORD);
  await page.screenshot({ path: "test-results/screenshots/auth-sign-in.png", fullPage: true });

  // The auth API itself reports no session.
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toBeNull();
});

test("the sign-in page works on a phone, in dark mode, with the keyboard", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/sign-in");
  await page.getByRole("radio", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveClass(/dark/);

  await page.getByLabel("Email").focus();
  await page.keyboard.type(ACCOUNTS[2].email);
  await page.keyboard.press("Tab");
  await expect(page.getByLabel("Password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.screenshot({ path: "test-results/screenshots/auth-sign-in-mobile-dark.png", fullPage: true });
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/fleet$/);
});

test("a wrong password or an unknown email gets one message that names neither", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, ACCOUNTS[0].email, "not the password");
  const error = page.getByTestId("form-error");
  await expect(error).toHaveText("Email or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);
  await page.screenshot({ path: "test-results/screenshots/auth-wrong-password.png", fullPage: true });

  await page.goto("/sign-in");
  await signIn(page, "nobody@demo.fleetdeck.dev", PASSWORD);
  await expect(page.getByTestId("form-error")).toHaveText("Email or password is incorrect.");
});

for (const account of ACCOUNTS) {
  test(`the ${account.role.toLowerCase()} signs in, sees who they are, and signs out`, async ({ page }) => {
    await page.goto("/fleet");
    await expect(page).toHaveURL(/\/sign-in/);
    await page.getByRole("button", { name: new RegExp(`Fill in the ${account.role.toLowerCase()} demo account`) }).click();
    await expect(page.getByLabel("Email")).toHaveValue(account.email);
    await page.getByRole("button", { name: "Sign in" }).click();

    await expect(page).toHaveURL(account.lands);
    // The URL may pass through /fleet on its way; the page heading says where it settled.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(account.role === "Owner" ? "My vehicles" : "Fleet overview");
    await expect(userMenu(page).getByTestId("user-email")).toHaveText(account.email);
    await expect(userMenu(page).getByTestId("user-role")).toHaveText(account.role);
    const session = await (await page.request.get("/api/auth/session")).json();
    expect(session.user).toMatchObject({ email: account.email, role: account.role.toLowerCase() });
    await page.screenshot({ path: `test-results/screenshots/auth-signed-in-${account.role.toLowerCase()}.png`, fullPage: true });

    await userMenu(page).getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);
    await page.goto("/fleet");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Ffleet$/);
  });
}

test("a viewer cannot reach manager-only pages", async ({ page }) => {
  await page.goto("/sign-in");
  await signIn(page, ACCOUNTS[2].email);
  await expect(page).toHaveURL(/\/fleet$/);
  const noindex = page.locator('meta[name="robots"][content="noindex"]');
  await expect(noindex).toHaveCount(0);

  // The dashboard's loading.tsx streams the shell before the page's role check runs, so the HTTP
  // status is already sent (200); what the viewer gets is Next's forbidden() page, marked noindex.
  await page.goto("/settings/people");
  await expect(page.getByTestId("forbidden-page")).toBeVisible();
  await expect(noindex.first()).toBeAttached();
  await expect(page.getByRole("heading", { name: /have access to this page/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create invitation link" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/screenshots/auth-forbidden.png", fullPage: true });
});

test("a manager invites an owner by link; the link works once", async ({ page, browser }) => {
  await page.goto("/sign-in?callbackUrl=%2Fsettings");
  await signIn(page, ACCOUNTS[0].email);
  await expect(page).toHaveURL(/\/settings$/);
  await page.getByRole("link", { name: "People and invitations" }).click();
  await expect(page.getByRole("heading", { name: "People", exact: true, level: 1 })).toBeVisible();

  const email = `new-owner-${Date.now()}@example.test`;
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Role").selectOption("owner");
  await page.getByRole("button", { name: "Create invitation link" }).click();
  const link = await page.getByTestId("invitation-link").inputValue();
  expect(link).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
  await expect(page.getByRole("table", { name: "Invitations" })).toContainText(email);
  await page.screenshot({ path: "test-results/screenshots/auth-people.png", fullPage: true });

  const invitee = await browser.newContext();
  const invitePage = await invitee.newPage();
  await invitePage.goto(link);
  await expect(invitePage.getByRole("heading", { name: "You're invited to Fleetdeck" })).toBeVisible();
  await expect(invitePage.getByLabel("Email")).toHaveValue(email);
  await invitePage.getByLabel("Password", { exact: true }).fill("owner password 1");
  await invitePage.getByLabel("Confirm password").fill("owner password 2");
  await invitePage.getByRole("button", { name: "Create account" }).click();
  await expect(invitePage.getByText("The passwords don't match.")).toBeVisible();
  await invitePage.screenshot({ path: "test-results/screenshots/auth-invitation.png", fullPage: true });

  await invitePage.getByLabel("Password", { exact: true }).fill("owner password 1");
  await invitePage.getByLabel("Confirm password").fill("owner password 1");
  await invitePage.getByRole("button", { name: "Create account" }).click();
  await expect(userMenu(invitePage).getByTestId("user-email")).toHaveText(email);
  await expect(userMenu(invitePage).getByTestId("user-role")).toHaveText("Owner");
  await invitee.close();

  const again = await browser.newContext();
  const againPage = await again.newPage();
  await againPage.goto(link);
  await expect(againPage.getByRole("heading", { name: "This invitation was already used" })).toBeVisible();
  await again.close();

  await page.reload();
  await expect(page.getByRole("table", { name: "People who can sign in" })).toContainText(email);
});

test("setup is closed once a manager exists", async ({ page }) => {
  await page.goto("/setup");
  await expect(page).toHaveURL(/\/sign-in$/);
});
