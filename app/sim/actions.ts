"use server";

import { revalidatePath } from "next/cache";
import { notFound } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/lib/auth/guards";
import {
  VEHICLE_ACTIONS,
  actOnVehicle,
  advance,
  clearMakeError,
  clearVehicleError,
  injectMakeError,
  injectVehicleError,
  reset,
  revokeVehicleAccess,
  setCallbackUrl,
  setToggles,
  verifyWebhookIfDue,
} from "@/lib/simulator/operations";
import { getSimulator, simulatorEnabled } from "@/lib/simulator/runtime";

/** The presenter page's buttons. Managers only; the emulator's secrets never leave the server. */

async function presenter() {
  if (!simulatorEnabled()) notFound();
  await requireRole("manager");
  return getSimulator().ctx;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === "string" ? value : "";
}

function parseError(value: string): { type: string; code: string | null } {
  const [type, code] = value.split(":");
  return { type: type ?? "", code: code ?? null };
}

export async function advanceClockAction(form: FormData): Promise<void> {
  const ctx = await presenter();
  const minutes = z.coerce.number().positive().max(24 * 60).parse(text(form, "minutes"));
  await advance(ctx, minutes);
  revalidatePath("/sim");
}

export async function vehicleAction(form: FormData): Promise<void> {
  const ctx = await presenter();
  const vehicleId = text(form, "vehicleId");
  const action = text(form, "action");
  if (action === "inject-error") await injectVehicleError(ctx, vehicleId, parseError(text(form, "error")));
  else if (action === "clear-error") await clearVehicleError(ctx, vehicleId);
  else if (action === "revoke") await revokeVehicleAccess(ctx, vehicleId);
  else await actOnVehicle(ctx, vehicleId, z.enum(VEHICLE_ACTIONS).parse(action));
  revalidatePath("/sim");
}

export async function makeErrorAction(form: FormData): Promise<void> {
  const ctx = await presenter();
  const make = text(form, "make");
  if (text(form, "action") === "clear") await clearMakeError(ctx, make);
  else await injectMakeError(ctx, make, parseError(text(form, "error")));
  revalidatePath("/sim");
}

export async function webhookAction(form: FormData): Promise<void> {
  const ctx = await presenter();
  const action = text(form, "action");
  if (action === "verify") await verifyWebhookIfDue(ctx, true);
  else await setToggles(ctx, { duplicates: form.get("duplicates") === "on", reordering: form.get("reordering") === "on" });
  revalidatePath("/sim");
}

export async function resetAction(): Promise<void> {
  const ctx = await presenter();
  await reset(ctx);
  await setCallbackUrl(ctx, ctx.options.webhookUrl);
  revalidatePath("/sim");
}
