import Link from "next/link";
import { cn } from "@/lib/cn";

const TABS = [
  { href: "/alerts", label: "Rules", managersOnly: false },
  { href: "/alerts/webhooks", label: "Webhook endpoints", managersOnly: true },
  { href: "/reports", label: "Scheduled reports", managersOnly: true },
] as const;

/** The alerts section's own navigation: rules, outbound webhook endpoints, scheduled reports. */
export function AlertsTabs({ current, role }: { current: (typeof TABS)[number]["href"]; role: "manager" | "owner" | "viewer" }) {
  return (
    <nav aria-label="Alerts sections" className="mb-6 flex gap-1 border-b border-slate-200 dark:border-slate-800">
      {TABS.filter((tab) => role === "manager" || !tab.managersOnly).map((tab) => (
        <Link
          key={tab.href}
          href={tab.href}
          aria-current={tab.href === current ? "page" : undefined}
          className={cn(
            "-mb-px border-b-2 px-3 py-2 text-sm font-medium",
            tab.href === current ? "border-brand-600 text-brand-700 dark:text-brand-300" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white",
          )}
        >
          {tab.label}
        </Link>
      ))}
    </nav>
  );
}
