"use server";

import { redirect } from "next/navigation";
import { notFound } from "next/navigation";
import { decide, logIn, parseAuthorize, parseReauthenticate, readSession, reauthenticate } from "@/lib/simulator/connect";
import { getSimulator, simulatorEnabled } from "@/lib/simulator/runtime";

/** Connect's form posts. The original authorize query travels in a hidden field and is re-validated every time. */

function context() {
  if (!simulatorEnabled()) notFound();
  return getSimulator().ctx;
}

function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

export async function submitLogin(form: FormData): Promise<void> {
  const ctx = context();
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

export async function submitGrant(form: FormData): Promise<void> {
  const ctx = context();
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

export async function submitReauthentication(form: FormData): Promise<void> {
  const ctx = context();
  const query = new URLSearchParams(field(form, "query"));
  const parsed = await parseReauthenticate(ctx, query);
  if (parsed.kind === "invalid") redirect(`/sim/connect/oauth/reauthenticate?${query.toString()}`);
  if (parsed.kind === "redirect") redirect(parsed.url);
  const outcome = await reauthenticate(ctx, parsed.request, field(form, "email"));
  if (outcome.kind === "redirect") redirect(outcome.url);
  query.set("login_error", outcome.kind === "invalid" ? outcome.message : "Please try again.");
  redirect(`/sim/connect/oauth/reauthenticate?${query.toString()}`);
}
