import { Skeleton } from "@/components/ui/skeleton";

export default function Loading() {
  return (
    <div role="status" aria-label="Loading">
      <Skeleton className="h-8 w-40" />
      <Skeleton className="mt-3 h-4 w-[32rem] max-w-full" />
      <Skeleton className="mt-8 h-40 rounded-xl" />
      <Skeleton className="mt-6 h-64 rounded-xl" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
