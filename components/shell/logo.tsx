export function Logo() {
  return (
    <span className="flex items-center gap-2 text-base font-semibold tracking-tight text-slate-900 dark:text-white">
      <svg viewBox="0 0 32 32" className="size-7" aria-hidden>
        <rect width="32" height="32" rx="8" className="fill-brand-600" />
        <path d="M8 19.5 11 12h10l3 7.5M7 19.5h18v4H7zM10.5 23.5v1.5M21.5 23.5v1.5" fill="none" stroke="white" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      Fleetdeck
    </span>
  );
}
