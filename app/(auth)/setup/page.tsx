import { ShieldCheck } from "lucide-react";
import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { connection } from "next/server";
import { AuthCard } from "@/components/auth/auth-card";
import { SetupForm } from "@/components/auth/setup-form";
import { getDb } from "@/lib/db";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/passwords";
import { managerExists } from "@/lib/auth/users";

export const metadata: Metadata = { title: "Set up Fleetdeck" };

/** First run only: creates the first manager. Once one exists this page sends everyone to sign in. */
export default async function SetupPage() {
  await connection();
  if (await managerExists(getDb())) redirect("/sign-in");
  return (
    <AuthCard
      icon={ShieldCheck}
      title="Welcome to Fleetdeck"
      description="Create the first manager account. Managers see the whole fleet and invite vehicle owners and viewers."
    >
      <SetupForm minPasswordLength={MIN_PASSWORD_LENGTH} />
    </AuthCard>
  );
}
