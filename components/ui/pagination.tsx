import { ChevronLeft, ChevronRight } from "lucide-react";
import { cn } from "@/lib/cn";

/** Page numbers to show: first, last, and a window around the current page, with gaps as null. */
export function pageWindow(page: number, pageCount: number, radius = 1): (number | null)[] {
  const pages = new Set([1, pageCount]);
  for (let offset = -radius; offset <= radius; offset++) {
    const candidate = page + offset;
    if (candidate >= 1 && candidate <= pageCount) pages.add(candidate);
  }
  const sorted = [...pages].sort((a, b) => a - b);
  return sorted.flatMap((value, index) => (index > 0 && value - sorted[index - 1]! > 1 ? [null, value] : [value]));
}

const itemClass =
  "inline-flex min-w-9 items-center justify-center rounded-md px-2.5 py-1.5 text-sm font-medium transition-colors disabled:pointer-events-none disabled:opacity-40";

export function Pagination({
  page,
  pageCount,
  onPageChange,
  label = "Pagination",
}: {
  page: number;
  pageCount: number;
  onPageChange: (page: number) => void;
  label?: string;
}) {
  if (pageCount <= 1) return null;
  return (
    <nav aria-label={label} className="flex items-center gap-1">
      <button type="button" className={cn(itemClass, "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800")} onClick={() => onPageChange(page - 1)} disabled={page <= 1} aria-label="Previous page">
        <ChevronLeft className="size-4" aria-hidden />
      </button>
      <ul className="hidden items-center gap-1 sm:flex">
        {pageWindow(page, pageCount).map((value, index) =>
          value === null ? (
            <li key={`gap-${index}`} aria-hidden className="px-1 text-slate-500 dark:text-slate-400">
              …
            </li>
          ) : (
            <li key={value}>
              <button
                type="button"
                onClick={() => onPageChange(value)}
                aria-current={value === page ? "page" : undefined}
                aria-label={`Page ${value}`}
                className={cn(
                  itemClass,
                  "tabular-nums",
                  value === page ? "bg-brand-600 text-white shadow-sm" : "text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800",
                )}
              >
                {value}
              </button>
            </li>
          ),
        )}
      </ul>
      <span className="px-2 text-sm tabular-nums text-slate-600 sm:hidden dark:text-slate-400">
        {page} / {pageCount}
      </span>
      <button type="button" className={cn(itemClass, "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800")} onClick={() => onPageChange(page + 1)} disabled={page >= pageCount} aria-label="Next page">
        <ChevronRight className="size-4" aria-hidden />
      </button>
    </nav>
  );
}
