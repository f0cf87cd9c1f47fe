/**
 * What the live hub carries: small notices that something changed, never the data itself. Browsers
 * refetch what they show, through the same authorization as any other read.
 */
export type LiveEvent =
  | { type: "vehicle"; vehicleId: string; codes: string[] }
  | { type: "errors"; vehicleId: string | null }
  | { type: "delivery"; deliveryId: number; status: string }
  | { type: "command"; vehicleId: string; commandId: string; status: string }
  | { type: "notification"; userId: string };

export type LiveListener = (event: LiveEvent) => void;
