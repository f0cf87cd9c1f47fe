"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { CheckCheck } from "lucide-react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";

/** Marks notifications read (the given ones, or all of the user's), then refreshes the page and the bell. */
export function MarkReadButton({ ids, label }: { ids?: string[]; label: string }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const mark = useMutation({
    mutationFn: async () => {
      const response = await fetch("/api/notifications/read", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(ids ? { ids } : { all: true }),
      });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
    },
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["notifications"] });
      router.refresh();
    },
  });
  return (
    <Button variant={ids ? "ghost" : "secondary"} onClick={() => mark.mutate()} disabled={mark.isPending} className={ids ? "px-2 py-1 text-xs" : undefined}>
      {ids ? null : <CheckCheck aria-hidden className="size-4" />}
      {label}
    </Button>
  );
}
