import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading" className="rounded-2xl border border-slate-200 bg-white px-5 py-7 sm:px-8 dark:border-slate-800 dark:bg-slate-900">
      <Skeleton className="h-6 w-40" />
      <Skeleton className="mt-3 h-4 w-64 max-w-full" />
      <Skeleton className="mt-8 h-4 w-16" />
      <Skeleton className="mt-2 h-10 w-full" />
      <Skeleton className="mt-5 h-4 w-20" />
      <Skeleton className="mt-2 h-10 w-full" />
      <Skeleton className="mt-6 h-10 w-full" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
