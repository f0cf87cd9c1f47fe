import Link from "next/link";
import type { Role } from "@/lib/auth/roles";
import { LiveStatus } from "./live-status";
import { Logo } from "./logo";
import { MobileNav } from "./mobile-nav";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

/**
 * The signed-in frame: a sidebar on wide screens, a header with a menu button on narrow ones. The
 * navigation shows each role exactly the pages it may open. `headerActions` is the slot for
 * header-level controls (e.g. notifications), placed beside the logo on wide screens and in the
 * phone header. Must sit inside `LiveUpdatesProvider` (the live status reads it).
 */
export function AppShell({
  children,
  role,
  emulator,
  environment,
  account,
  compactAccount,
  headerActions,
}: {
  children: React.ReactNode;
  role: Role;
  /** The built-in emulator runs: managers get the presenter page. */
  emulator: boolean;
  environment: string;
  account?: React.ReactNode;
  compactAccount?: React.ReactNode;
  headerActions?: React.ReactNode;
}) {
  const home = role === "owner" ? "/vehicles" : "/fleet";
  return (
    <div className="min-h-dvh lg:grid lg:grid-cols-[15rem_1fr]">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-4 focus:top-4 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-slate-900 focus:shadow">
        Skip to content
      </a>
      <aside className="hidden border-r border-slate-200 bg-white lg:sticky lg:top-0 lg:flex lg:h-dvh lg:flex-col dark:border-slate-800 dark:bg-slate-900">
        <div className="flex h-16 items-center justify-between gap-2 px-5">
          <Link href={home} aria-label="Fleetdeck home">
            <Logo />
          </Link>
          {headerActions}
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto px-3 py-2">
          <NavLinks role={role} emulator={emulator} />
        </nav>
        {account}
        <div className="flex items-center justify-between gap-2 border-t border-slate-200 px-5 py-4 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-300">
          <span className="flex flex-col gap-1">
            <LiveStatus />
            <span>{environment}</span>
          </span>
          <ThemeToggle />
        </div>
      </aside>
      <div className="flex min-w-0 flex-col">
        <header className="sticky top-0 z-30 border-b border-slate-200 bg-white/95 backdrop-blur lg:hidden dark:border-slate-800 dark:bg-slate-900/95">
          <div className="relative flex h-14 items-center justify-between gap-2 px-3">
            <Link href={home} aria-label="Fleetdeck home">
              <Logo />
            </Link>
            <div className="flex items-center gap-2">
              <LiveStatus compact />
              {headerActions}
              {compactAccount}
              <MobileNav role={role} emulator={emulator} environment={environment} />
            </div>
          </div>
        </header>
        <main id="main" className="mx-auto w-full min-w-0 max-w-7xl flex-1 px-4 py-6 sm:px-6 sm:py-8 lg:px-10">
          {children}
        </main>
      </div>
    </div>
  );
}
