import type { Metadata } from "next";
import { isLinkRefusal, LinkRefusalPage } from "@/components/reauth/link-refusal";

export const metadata: Metadata = { title: "Reconnect link", robots: { index: false, follow: false } };

export default async function LinkRefusedPage({ searchParams }: { searchParams: Promise<{ reason?: string }> }) {
  const { reason } = await searchParams;
  return <LinkRefusalPage reason={isLinkRefusal(reason) ? reason : "unknown"} />;
}
