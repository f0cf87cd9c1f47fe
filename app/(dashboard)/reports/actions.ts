"use server";

import { revalidatePath } from "next/cache";
import { auditRequest } from "@/lib/audit/request";
import { requireRole } from "@/lib/auth/guards";
import { getDb } from "@/lib/db";
import { flushOutbox } from "@/lib/reauth/mailer";
import { createSchedule, deleteSchedule, scheduleInputSchema, sendReportNow } from "@/lib/reports/run";

export type ScheduleFormState = { status: "idle" } | { status: "error"; message: string } | { status: "created"; name: string };

export async function createScheduleAction(_previous: ScheduleFormState, formData: FormData): Promise<ScheduleFormState> {
  const user = await requireRole("manager");
  const parsed = scheduleInputSchema.safeParse({
    name: formData.get("name") ?? "",
    frequency: formData.get("frequency"),
    recipientIds: formData.getAll("recipientIds").filter((value) => typeof value === "string"),
  });
  if (!parsed.success) return { status: "error", message: parsed.error.issues[0]?.message ?? "Check the form." };
  const result = await createSchedule(getDb(), user, parsed.data);
  if (!result.ok) return { status: "error", message: result.message };
  await auditRequest({
    action: "report.create",
    target: { type: "report_schedule", id: result.schedule.id, label: result.schedule.name },
    details: { frequency: result.schedule.frequency, recipients: result.schedule.recipientIds.length, firstRun: result.schedule.nextRunAt.toISOString() },
  });
  revalidatePath("/reports");
  return { status: "created", name: result.schedule.name };
}

export async function deleteScheduleAction(formData: FormData): Promise<void> {
  await requireRole("manager");
  const removed = await deleteSchedule(getDb(), String(formData.get("scheduleId") ?? ""));
  if (!removed) return;
  await auditRequest({ action: "report.delete", target: { type: "report_schedule", id: removed.id, label: removed.name }, details: { frequency: removed.frequency } });
  revalidatePath("/reports");
}

export async function sendReportNowAction(formData: FormData): Promise<void> {
  const user = await requireRole("manager");
  const sent = await sendReportNow(getDb(), user, String(formData.get("scheduleId") ?? ""));
  if (!sent) return;
  await flushOutbox();
  revalidatePath("/reports");
}
