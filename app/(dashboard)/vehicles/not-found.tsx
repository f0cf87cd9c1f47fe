import { CarFront } from "lucide-react";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";

export default function VehicleNotFound() {
  return (
    <Card>
      <EmptyState
        icon={CarFront}
        title="Vehicle not found"
        description="This vehicle does not exist, or it is not one you have access to."
        action={<ButtonLink href="/vehicles">Back to vehicles</ButtonLink>}
      />
    </Card>
  );
}
