/**
 * Which remote commands Smartcar serves for a make, and on which API. Fleetdeck reads it to offer
 * only what a car can do; the built-in emulator answers by the same table (its makes differ on
 * purpose). Commands for makes not listed are offered, and a COMPATIBILITY answer from Smartcar then
 * marks that command unavailable for the vehicle (lib/commands/capabilities.ts). Pure data.
 */

export interface MakeCommandSupport {
  /** Lock and unlock (permission control_security). */
  security: boolean;
  /** Start and stop charging (permission control_charge); never for combustion-only vehicles. */
  charge: boolean;
  /** Charge limits the make accepts, in percent; null when it cannot be set remotely. */
  chargeLimit: { min: number; max: number } | null;
  /** `v2`: the make's commands are served only by the v2 endpoints, with the connection's own token. */
  api: "v3" | "v2";
}

const FULL: MakeCommandSupport = { security: true, charge: true, chargeLimit: { min: 50, max: 100 }, api: "v3" };

const BY_MAKE: Record<string, MakeCommandSupport> = {
  TESLA: FULL,
  FORD: { ...FULL, chargeLimit: null },
  VOLKSWAGEN: { ...FULL, api: "v2" },
  AUDI: { ...FULL, api: "v2" },
  TOYOTA: { security: true, charge: false, chargeLimit: null, api: "v3" },
  HYUNDAI: FULL,
  KIA: FULL,
  BMW: { ...FULL, security: false },
  CHEVROLET: { ...FULL, chargeLimit: { min: 60, max: 100 } },
  RIVIAN: FULL,
  NISSAN: { security: false, charge: true, chargeLimit: null, api: "v3" },
  "MERCEDES-BENZ": FULL,
};

export function commandSupportForMake(make: string): MakeCommandSupport {
  return BY_MAKE[make.trim().toUpperCase()] ?? FULL;
}
