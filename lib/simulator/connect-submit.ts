import "server-only";
import type { SimulatorContext } from "./context";
import { decide, logIn, parseAuthorize, parseReauthenticate, readSession, reauthenticate } from "./connect";

/**
 * Connect's form posts (POST /sim/connect/oauth/submit answers 303 to the returned URL, so the browser
 * itself navigates to the app's redirect URI). The original query travels in a hidden field and is
 * re-validated on every step.
 */

class Redirect {
  constructor(readonly url: string) {}
}

function redirect(url: string): never {
  throw new Redirect(url);
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

async function submitLogin(ctx: SimulatorContext, form: FormData): Promise<void> {
  const query = new URLSearchParams(field(form, "query"));
  const parsed = parseAuthorize(ctx, query);
  if (parsed.kind === "invalid") redirect(`/sim/connect/oauth/authorize?${query.toString()}`);
  if (parsed.kind === "redirect") redirect(parsed.url);
  const make = field(form, "make") || parsed.request.make || "";
  const outcome = await logIn(ctx, parsed.request, make, field(form, "email"));
  if (outcome.kind === "redirect") redirect(outcome.url);
  const next = new URLSearchParams(query);
  next.set("make", make.toUpperCase());
  if (outcome.kind === "invalid") next.set("login_error", outcome.message);
  else next.set("session", outcome.session);
  redirect(`/sim/connect/oauth/authorize?${next.toString()}`);
}

async function submitGrant(ctx: SimulatorContext, form: FormData): Promise<void> {
  const query = new URLSearchParams(field(form, "query"));
  const parsed = parseAuthorize(ctx, query);
  if (parsed.kind === "invalid") redirect(`/sim/connect/oauth/authorize?${query.toString()}`);
  if (parsed.kind === "redirect") redirect(parsed.url);
  const session = readSession(ctx, query.get("session"));
  if (!session) {
    query.delete("session");
    query.set("login_error", "Your session expired. Please log in again.");
    redirect(`/sim/connect/oauth/authorize?${query.toString()}`);
  }
  const vehicleIds = form.getAll("vehicle").filter((value): value is string => typeof value === "string");
  const permissions = form.getAll("permission").filter((value): value is string => typeof value === "string");
  redirect(await decide(ctx, parsed.request, session.userId, field(form, "decision") === "allow", vehicleIds, permissions));
}

async function submitReauthentication(ctx: SimulatorContext, form: FormData): Promise<void> {
  const query = new URLSearchParams(field(form, "query"));
  const parsed = await parseReauthenticate(ctx, query);
  if (parsed.kind === "invalid") redirect(`/sim/connect/oauth/reauthenticate?${query.toString()}`);
  if (parsed.kind === "redirect") redirect(parsed.url);
  const outcome = await reauthenticate(ctx, parsed.request, field(form, "email"));
  if (outcome.kind === "redirect") redirect(outcome.url);
  query.set("login_error", outcome.kind === "invalid" ? outcome.message : "Please try again.");
  redirect(`/sim/connect/oauth/reauthenticate?${query.toString()}`);
}

/** Runs one Connect step and returns where the browser goes next (a path of /sim/connect or the redirect URI). */
export async function submitConnectForm(ctx: SimulatorContext, form: FormData): Promise<string> {
  const steps = { login: submitLogin, grant: submitGrant, reauthenticate: submitReauthentication };
  const step = steps[field(form, "step") as keyof typeof steps];
  try {
    if (!step) return "/sim/connect/oauth/authorize";
    await step(ctx, form);
    return "/sim/connect/oauth/authorize";
  } catch (error) {
    if (error instanceof Redirect) return error.url;
    throw error;
  }
}
