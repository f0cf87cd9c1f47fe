import type { LucideIcon } from "lucide-react";

/** The card every pre-session page (sign-in, setup, invitation) sits in. */
export function AuthCard({ title, description, icon: Icon, children }: { title: string; description?: React.ReactNode; icon?: LucideIcon; children: React.ReactNode }) {
  return (
    <section className="rounded-2xl border border-slate-200 bg-white px-5 py-7 shadow-sm sm:px-8 dark:border-slate-800 dark:bg-slate-900">
      {Icon ? (
        <div className="mb-4 flex size-11 items-center justify-center rounded-full bg-brand-50 text-brand-600 dark:bg-brand-500/10 dark:text-brand-300">
          <Icon className="size-5" aria-hidden />
        </div>
      ) : null}
      <h1 className="text-xl font-semibold tracking-tight text-slate-900 dark:text-white">{title}</h1>
      {description ? <div className="mt-1.5 text-sm text-slate-600 dark:text-slate-400">{description}</div> : null}
      <div className="mt-6">{children}</div>
    </section>
  );
}
