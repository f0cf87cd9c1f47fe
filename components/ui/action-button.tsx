import { Button } from "./button";

/** A one-button form posting to a server action with hidden fields (row actions: pause, delete, send test). */
export function ActionButton({
  action,
  fields,
  label,
  ariaLabel,
  tone = "ghost",
}: {
  action: (formData: FormData) => Promise<void>;
  fields: Record<string, string>;
  label: string;
  ariaLabel?: string;
  tone?: "ghost" | "danger" | "secondary";
}) {
  return (
    <form action={action}>
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <Button
        type="submit"
        variant={tone === "secondary" ? "secondary" : "ghost"}
        className={tone === "secondary" ? "px-3 py-1.5 text-xs" : tone === "danger" ? "px-2 py-1 text-xs text-red-700 dark:text-red-300" : "px-2 py-1 text-xs"}
        aria-label={ariaLabel}
      >
        {label}
      </Button>
    </form>
  );
}
