/** The vehicle's display name: its nickname, else "2023 Tesla Model 3". Safe for client components. */
export function vehicleDisplayName(vehicle: { nickname: string | null; year: number; make: string; model: string }): string {
  return vehicle.nickname?.trim() || `${vehicle.year} ${vehicle.make} ${vehicle.model}`;
}
