"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { getLiveHub } from "@/lib/live";
import { replayDelivery } from "@/lib/webhooks/worker";

export interface ReplayState {
  message: string | null;
  tone: "good" | "bad" | null;
}

export async function replayDeliveryAction(_previous: ReplayState, form: FormData): Promise<ReplayState> {
  const user = await requireRole("manager");
  const parsed = z.coerce.number().int().positive().safeParse(form.get("deliveryId"));
  if (!parsed.success) return { message: "Unknown delivery.", tone: "bad" };
  try {
    const status = await replayDelivery(getDb(), getLiveHub(), parsed.data, { reason: "manual", userId: user.id });
    await auditRequest({ action: "webhook.replay", target: { type: "webhook_delivery", id: String(parsed.data) }, outcome: status === null ? "failure" : "success", details: { status } });
    if (status === null) return { message: "That delivery no longer exists.", tone: "bad" };
    revalidatePath("/webhooks");
    return { message: `Replayed: ${status}.`, tone: "good" };
  } catch (error) {
    return { message: `Replay failed: ${error instanceof Error ? error.message : "unknown error"}`, tone: "bad" };
  }
}
