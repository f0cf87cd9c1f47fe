"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { AcknowledgeError, acknowledgeErrors } from "@/lib/errors/error-center";

const input = z.object({ errorIds: z.array(z.uuid()).min(1, "Tick at least one vehicle."), note: z.string().max(500, "Keep the note under 500 characters.") });

export interface AcknowledgeState {
  error: string | null;
  closed: number | null;
}

export async function acknowledgeErrorsAction(_previous: AcknowledgeState, formData: FormData): Promise<AcknowledgeState> {
  const user = await requireRole("manager");
  const parsed = input.safeParse({ errorIds: formData.getAll("errorId"), note: formData.get("note") ?? "" });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form.", closed: null };
  try {
    const closed = await acknowledgeErrors(getDb(), { errorIds: parsed.data.errorIds, userId: user.id, note: parsed.data.note });
    await auditRequest({ action: "error.acknowledge", target: { type: "vehicle_errors", label: `${closed} errors` }, details: { errorIds: parsed.data.errorIds, note: parsed.data.note, closed } });
    revalidatePath("/errors");
    return { error: null, closed };
  } catch (error) {
    if (error instanceof AcknowledgeError) return { error: error.message, closed: null };
    throw error;
  }
}
