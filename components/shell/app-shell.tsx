import Link from "next/link";
import { NotificationsBell } from "@/components/notifications/notifications-bell";
import { Logo } from "./logo";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

export function AppShell({ children, environment, account, compactAccount }: { children: React.ReactNode; environment: string; account?: React.ReactNode; compactAccount?: React.ReactNode }) {
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow">
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-white lg:flex lg:flex-col dark:border-slate-800 dark:bg-slate-900">
        <div className="flex h-16 items-center justify-between px-5">
          <Link href="/fleet" aria-label="Fleetdeck home">
            <Logo />
          </Link>
          <NotificationsBell />
        </div>
        <nav aria-label="Main" className="flex-1 px-3 py-2">
          <NavLinks />
        </nav>
        {account}
        <div className="flex items-center justify-between border-t border-slate-200 px-5 py-4 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <span>{environment}</span>
          <ThemeToggle />
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/90 backdrop-blur lg:hidden dark:border-slate-800 dark:bg-slate-900/90">
          <div className="flex h-14 items-center justify-between px-4">
            <Link href="/fleet" aria-label="Fleetdeck home">
              <Logo />
            </Link>
            <div className="flex items-center gap-3">
              <NotificationsBell />
              <ThemeToggle />
              {compactAccount}
            </div>
          </div>
          <nav aria-label="Main" className="px-2 pb-2">
            <NavLinks orientation="horizontal" />
          </nav>
        </header>
        <main id="main" className="mx-auto w-full max-w-7xl flex-1 px-4 py-8 sm:px-6 lg:px-10">
          {children}
        </main>
      </div>
    </div>
  );
}
