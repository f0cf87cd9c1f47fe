"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import type { Role } from "@/lib/auth/roles";
import { cn } from "@/lib/cn";
import { navItemsFor } from "./nav-items";

export function NavLinks({ role, emulator, onNavigate }: { role: Role; emulator: boolean; onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <ul className="flex flex-col gap-1">
      {navItemsFor(role, emulator).map(({ href, label, icon: Icon, presenter }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href} className={cn(presenter && "mt-3 border-t border-slate-200 pt-3 dark:border-slate-800")}>
            <Link
              href={href}
              onClick={onNavigate}
              aria-current={active ? "page" : undefined}
              className={cn(
                "flex items-center gap-3 whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium transition-colors",
                active
                  ? "bg-brand-50 text-brand-700 dark:bg-brand-500/15 dark:text-brand-100"
                  : "text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-slate-100",
              )}
            >
              <Icon className="size-4 shrink-0" aria-hidden />
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
