"use server";

import { redirect } from "next/navigation";
import { z } from "zod";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { ConnectStartError, startVehicleConnect } from "@/lib/connect/start";
import { getDb } from "@/lib/db";
import { getSmartcar } from "@/lib/smartcar";

const startConnectInput = z.object({
  ownerId: z.uuid().optional(),
  make: z
    .string()
    .regex(/^[A-Za-z-]{2,30}$/)
    .optional(),
});

export interface StartConnectState {
  error: string | null;
}

export async function startConnectAction(_previous: StartConnectState, formData: FormData): Promise<StartConnectState> {
  const user = await requireRole("owner", "manager");
  const parsed = startConnectInput.safeParse({
    ownerId: formData.get("ownerId") || undefined,
    make: formData.get("make") || undefined,
  });
  if (!parsed.success) return { error: "Check the owner and brand and try again." };
  let url: string;
  try {
    url = await startVehicleConnect(getDb(), getSmartcar(), user, parsed.data);
    await auditRequest({ action: "connect.start", details: { forOwner: parsed.data.ownerId ?? user.id, make: parsed.data.make ?? null } });
  } catch (error) {
    if (error instanceof ConnectStartError) return { error: error.message };
    throw error;
  }
  redirect(url);
}
