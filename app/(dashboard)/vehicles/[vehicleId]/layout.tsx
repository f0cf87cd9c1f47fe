import { loadVisibleVehicle } from "./load-visible-vehicle";

/**
 * The visibility check runs here, outside the page's loading boundary, so a vehicle the user may not
 * see answers a real 404 before anything streams. The page reuses the same cached load.
 */
export default async function VehicleLayout({ children, params }: { children: React.ReactNode; params: Promise<{ vehicleId: string }> }) {
  await loadVisibleVehicle((await params).vehicleId);
  return children;
}
