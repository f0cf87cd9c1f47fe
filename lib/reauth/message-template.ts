/**
 * The words of a reconnect request, the same on the /r/<token> page and in the email: they name the
 * app, the car's make and the reason (Smartcar's suggestedUserMessage when it gave one). Pure.
 */

export const APP_NAME = "Fleetdeck";

export interface ReconnectMessageInput {
  ownerName: string | null;
  make: string;
  model: string;
  year: number;
  reason: string;
  url: string;
  deadline: Date | null;
  reminder: boolean;
}

/**
 * Smartcar's suggested messages carry placeholders ("Your car got disconnected from <app name>.
 * Please use this link to re-connect your car: <link to Smartcar Connect>."); fill in what we know.
 */
export function fillSuggestedMessage(message: string, linkText: string): string {
  return message
    .replace(/<\s*app name\s*>/gi, APP_NAME)
    .replace(/<\s*link[^>]*>/gi, linkText)
    .trim();
}

/** The reason shown to the owner: Smartcar's own message when there is one, else the catalogue's title. */
export function reconnectReason(input: { suggestedUserMessage: string | null; catalogTitle: string | null; make: string }): string {
  if (input.suggestedUserMessage) return fillSuggestedMessage(input.suggestedUserMessage, "the link below");
  const what = input.catalogTitle ? ` (${input.catalogTitle.toLowerCase()})` : "";
  return `${APP_NAME} lost its connection to your ${input.make}${what}. Signing in to your ${input.make} account again restores it.`;
}

function formatDeadline(date: Date): string {
  return date.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
}

export function reconnectEmail(input: ReconnectMessageInput): { subject: string; text: string } {
  const car = `${input.year} ${input.make} ${input.model}`;
  const subject = `${input.reminder ? "Reminder: a" : "A"}ction required: reconnect your ${input.make} to ${APP_NAME}`;
  const lines = [
    `Hi ${input.ownerName ?? "there"},`,
    "",
    `${APP_NAME} lost its connection to your ${car}.`,
    "",
    input.reason,
    "",
    `Reconnect it here (works on your phone, no ${APP_NAME} password needed):`,
    input.url,
    "",
    `You will sign in to your ${input.make} account on Smartcar's page; it takes about a minute.`,
  ];
  if (input.deadline) lines.push(`Please reconnect before ${formatDeadline(input.deadline)}; the link stops working after that.`);
  lines.push("", `— ${APP_NAME}`);
  return { subject, text: lines.join("\n") };
}
