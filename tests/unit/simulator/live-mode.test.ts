import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parseConfig, type Config } from "@/lib/config";
import { handleSimulatorRequest, simulatorEnabled } from "@/lib/simulator/runtime";

const globalForConfig = globalThis as unknown as { fleetdeckConfig?: Config };

describe("the emulator with SMARTCAR_MODE=live", () => {
  afterEach(() => {
    globalForConfig.fleetdeckConfig = undefined;
  });

  it("answers 404 on every host and opens no database", async () => {
    globalForConfig.fleetdeckConfig = parseConfig({
      FLEETDECK_DATA_DIR: mkdtempSync(path.join(tmpdir(), "fleetdeck-live-")),
      SMARTCAR_MODE: "live",
      SMARTCAR_CLIENT_ID: "live-id",
      SMARTCAR_CLIENT_SECRET: "live-secret",
      SMARTCAR_MANAGEMENT_TOKEN: "live-amt",
    });
    expect(simulatorEnabled()).toBe(false);
    for (const url of [
      "http://localhost/sim/iam/oauth2/token",
      "http://localhost/sim/vehicle.api/v3/vehicles/abc/signals",
      "http://localhost/sim/management/v2.0/management/connections",
      "http://localhost/sim/control/reset",
    ]) {
      const response = await handleSimulatorRequest(new Request(url, { method: "POST" }));
      expect(response.status, url).toBe(404);
    }
  });
});
