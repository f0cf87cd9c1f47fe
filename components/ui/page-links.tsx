import { ChevronLeft, ChevronRight } from "lucide-react";
import Link from "next/link";

/** Previous/next links for server-rendered lists whose state lives in the URL (no total count needed). */
export function PageLinks({ page, hasMore, href, label = "Pages" }: { page: number; hasMore: boolean; href: (page: number) => string; label?: string }) {
  if (page <= 1 && !hasMore) return null;
  const item = "inline-flex items-center gap-1 rounded-md px-2.5 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800";
  return (
    <nav aria-label={label} className="flex items-center justify-between gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
      {page > 1 ? (
        <Link href={href(page - 1)} className={item} rel="prev">
          <ChevronLeft aria-hidden className="size-4" /> Newer
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm tabular-nums text-slate-500 dark:text-slate-400">Page {page}</span>
      {hasMore ? (
        <Link href={href(page + 1)} className={item} rel="next">
          Older <ChevronRight aria-hidden className="size-4" />
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
