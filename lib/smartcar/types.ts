/**
 * Fleetdeck's normalized view of Smartcar data, the same whether it arrived through the v3 API
 * (JSON:API resources) or a webhook (flat objects). Parsers in lib/smartcar and lib/webhooks
 * produce these; everything downstream consumes only these.
 */

export interface SmartcarErrorDetail {
  type: string;
  code: string | null;
  description?: string | null;
  resolution?: { type: string | null; url?: string | null } | null;
}

export interface NormalizedSignal {
  /** e.g. `tractionbattery-stateofcharge` */
  code: string;
  /** e.g. `StateOfCharge` */
  name: string;
  /** e.g. `TractionBattery` */
  group: string;
  status: "SUCCESS" | "ERROR" | "UNAVAILABLE";
  /** The signal's body exactly as Smartcar sent it (`{unit, value}`, `{values: [...]}`, …). */
  body: unknown;
  error: SmartcarErrorDetail | null;
  oemUpdatedAt: Date | null;
  retrievedAt: Date | null;
}
