import Link from "next/link";
import type { LucideIcon } from "lucide-react";

export function Stat({ label, value, icon: Icon, href, tone = "default" }: {
  label: string;
  value: number | string;
  icon: LucideIcon;
  href?: string;
  tone?: "default" | "good" | "warn" | "bad";
}) {
  const toneClass = {
    default: "text-brand-600 bg-brand-50 dark:bg-brand-500/10",
    good: "text-emerald-600 bg-emerald-50 dark:bg-emerald-500/10",
    warn: "text-amber-600 bg-amber-50 dark:bg-amber-500/10",
    bad: "text-red-600 bg-red-50 dark:bg-red-500/10",
  }[tone];
  const content = (
    <div className="flex items-center gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm transition-colors hover:border-brand-500/50 dark:border-slate-800 dark:bg-slate-900">
      <div className={`flex size-10 items-center justify-center rounded-lg ${toneClass}`}>
        <Icon className="size-5" aria-hidden />
      </div>
      <div>
        <p className="text-sm text-slate-500 dark:text-slate-400">{label}</p>
        <p className="text-2xl font-semibold tabular-nums text-slate-900 dark:text-white">{value}</p>
      </div>
    </div>
  );
  return href ? <Link href={href} className="rounded-xl">{content}</Link> : content;
}
