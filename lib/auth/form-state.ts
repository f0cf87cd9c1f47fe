/** What an auth form's server action hands back to the form: a message for the whole form and per-field problems. */
export interface FormState {
  error?: string;
  fieldErrors?: Partial<Record<string, string>>;
  /** Non-secret fields as submitted, so a refused form comes back filled in (never passwords). */
  values?: Partial<Record<string, string>>;
}

export const EMPTY_FORM_STATE: FormState = {};

/** Only same-site paths are followed after sign-in; anything else would be an open redirect. */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || !value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (value.startsWith("/sign-in") || value.startsWith("/setup") || value.startsWith("/api/")) return fallback;
  return value;
}
