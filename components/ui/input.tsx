import type { ComponentProps } from "react";
import type { LucideIcon } from "lucide-react";
import { cn } from "@/lib/cn";

export const fieldClass =
  "block w-full rounded-md border-0 bg-white py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:outline-none focus:ring-2 focus:ring-brand-500 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-700 dark:placeholder:text-slate-500";

export function Input({ className, icon: Icon, ...props }: ComponentProps<"input"> & { icon?: LucideIcon }) {
  if (!Icon) return <input className={cn(fieldClass, "px-3", className)} {...props} />;
  return (
    <div className={cn("relative", className)}>
      <Icon aria-hidden className="pointer-events-none absolute left-2.5 top-1/2 size-4 -translate-y-1/2 text-slate-500 dark:text-slate-400" />
      <input className={cn(fieldClass, "pl-8 pr-3")} {...props} />
    </div>
  );
}
