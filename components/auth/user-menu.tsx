import { LogOut } from "lucide-react";
import { signOutAction } from "@/app/(auth)/actions";
import { ROLE_LABELS } from "@/lib/auth/roles";
import type { SessionUser } from "@/lib/auth/session-user";
import { cn } from "@/lib/cn";

function SignOutButton({ className }: { className?: string }) {
  return (
    <form action={signOutAction}>
      <button
        type="submit"
        className={cn(
          "flex w-full items-center gap-2 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900 dark:text-slate-300 dark:hover:bg-slate-800 dark:hover:text-white",
          className,
        )}
      >
        <LogOut className="size-4" aria-hidden />
        Sign out
      </button>
    </form>
  );
}

function Avatar({ user }: { user: SessionUser }) {
  const initial = (user.name ?? user.email).trim().charAt(0).toUpperCase();
  return (
    <span aria-hidden className="flex size-8 shrink-0 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white">
      {initial}
    </span>
  );
}

function Identity({ user }: { user: SessionUser }) {
  return (
    <span className="min-w-0">
      <span className="block truncate text-sm font-medium text-slate-900 dark:text-slate-100" data-testid="user-email" title={user.email}>
        {user.email}
      </span>
      <span className="block text-xs text-slate-500 dark:text-slate-400" data-testid="user-role">
        {ROLE_LABELS[user.role]}
      </span>
    </span>
  );
}

/** Who is signed in, with their role and a way out. `panel` sits in the sidebar, `compact` in the mobile header. */
export function UserMenu({ user, variant }: { user: SessionUser; variant: "panel" | "compact" }) {
  if (variant === "panel") {
    return (
      <div className="border-t border-slate-200 px-3 py-3 dark:border-slate-800" data-testid="user-menu">
        <div className="flex items-center gap-3 px-2 pb-2">
          <Avatar user={user} />
          <Identity user={user} />
        </div>
        <SignOutButton />
      </div>
    );
  }
  return (
    <details className="group relative">
      <summary
        className="flex cursor-pointer list-none items-center rounded-full [&::-webkit-details-marker]:hidden"
        aria-label={`Account: ${user.email}`}
      >
        <Avatar user={user} />
      </summary>
      <div className="absolute right-0 z-40 mt-2 w-64 rounded-lg border border-slate-200 bg-white p-3 shadow-lg dark:border-slate-700 dark:bg-slate-900">
        <div className="px-2 pb-2">
          <Identity user={user} />
        </div>
        <SignOutButton />
      </div>
    </details>
  );
}
