import type { ReactNode } from "react";

/** The emulated Smartcar Connect chrome: a centered card, usable on a phone. */
export function ConnectFrame({ title, subtitle, children }: { title: string; subtitle?: ReactNode; children: ReactNode }) {
  return (
    <main className="flex min-h-dvh items-start justify-center bg-slate-100 px-4 py-8 sm:items-center dark:bg-slate-950">
      <div className="w-full max-w-md overflow-hidden rounded-2xl bg-white shadow-xl ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800">
        <div className="flex items-center justify-between border-b border-slate-100 px-6 py-4 dark:border-slate-800">
          <span className="text-sm font-semibold tracking-tight">
            <span className="text-brand-600 dark:text-brand-300">smartcar</span> connect
          </span>
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 dark:bg-amber-900/40 dark:text-amber-300">Emulator</span>
        </div>
        <div className="space-y-5 px-6 py-6">
          <div className="space-y-1">
            <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
            {subtitle ? <p className="text-sm text-slate-600 dark:text-slate-400">{subtitle}</p> : null}
          </div>
          {children}
        </div>
        <p className="border-t border-slate-100 px-6 py-3 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          Fleetdeck&apos;s built-in Smartcar emulator. Any password works.
        </p>
      </div>
    </main>
  );
}

export function ConnectError({ message }: { message: string }) {
  return (
    <ConnectFrame title="Something is wrong with this link" subtitle="The application that sent you here is not set up correctly.">
      <p data-testid="connect-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-300">
        {message}
      </p>
    </ConnectFrame>
  );
}

export const primaryButton =
  "inline-flex w-full items-center justify-center rounded-lg bg-brand-600 px-4 py-2.5 text-sm font-semibold text-white shadow-sm hover:bg-brand-700 focus-visible:outline-2";
export const secondaryButton =
  "inline-flex w-full items-center justify-center rounded-lg px-4 py-2.5 text-sm font-semibold text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:text-slate-200 dark:ring-slate-700 dark:hover:bg-slate-800";
export const fieldClass =
  "mt-1 block w-full rounded-lg border-0 bg-white px-3 py-2.5 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-500 focus:outline-none dark:bg-slate-950 dark:text-slate-100 dark:ring-slate-700";

export function LoginFields({ error }: { error?: string }) {
  return (
    <>
      {error ? (
        <p data-testid="login-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-300">
          {error}
        </p>
      ) : null}
      <label className="block text-sm font-medium">
        Email
        <input name="email" type="email" autoComplete="username" required className={fieldClass} />
      </label>
      <label className="block text-sm font-medium">
        Password
        <input name="password" type="password" autoComplete="current-password" required className={fieldClass} />
      </label>
    </>
  );
}
