import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, EMULATOR_DEFAULTS, parseConfig } from "@/lib/config";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "fleetdeck-config-"));

describe("parseConfig", () => {
  it("defaults to the embedded database and the emulator, deriving URLs from APP_URL", () => {
    const config = parseConfig({ FLEETDECK_DATA_DIR: dataDir() });
    expect(config.database.kind).toBe("pglite");
    expect(config.port).toBe(3000);
    expect(config.appUrl).toBe("http://localhost:3000");
    expect(config.smartcar.mode).toBe("emulator");
    expect(config.smartcar.clientId).toBe(EMULATOR_DEFAULTS.clientId);
    expect(config.smartcar.redirectUri).toBe("http://localhost:3000/api/smartcar/callback");
    expect(config.smartcar.webhookUrl).toBe("http://localhost:3000/api/webhooks/smartcar");
    expect(config.smartcar.hosts.connect).toBe("http://localhost:3000/sim/connect");
    expect(config.smartcar.hosts.vehicleApi).toBe("http://127.0.0.1:3000/sim/vehicle.api");
    expect(config.smartcar.connectMode).toBe("simulated");
  });

  it("follows PORT and APP_URL", () => {
    const config = parseConfig({ FLEETDECK_DATA_DIR: dataDir(), PORT: "4100", APP_URL: "https://fleet.example.com/" });
    expect(config.appUrl).toBe("https://fleet.example.com");
    expect(config.smartcar.redirectUri).toBe("https://fleet.example.com/api/smartcar/callback");
    expect(config.smartcar.hosts.iam).toBe("http://127.0.0.1:4100/sim/iam");
  });

  it("generates embedded secrets once and keeps them in the data directory", () => {
    const dir = dataDir();
    const first = parseConfig({ FLEETDECK_DATA_DIR: dir });
    const second = parseConfig({ FLEETDECK_DATA_DIR: dir });
    expect(first.authSecret.length).toBeGreaterThanOrEqual(32);
    expect(second.authSecret).toBe(first.authSecret);
    expect(second.encryptionKeys[0]!.key.equals(first.encryptionKeys[0]!.key)).toBe(true);
    const stored = JSON.parse(readFileSync(path.join(dir, "secrets.json"), "utf8"));
    expect(stored.AUTH_SECRET).toBe(first.authSecret);
  });

  it("names the variable and what it expects when a value is malformed", () => {
    expect(() => parseConfig({ PORT: "eighty" })).toThrow(/^Invalid configuration: PORT expects a port number \(got "eighty"\)$/);
    expect(() => parseConfig({ SMARTCAR_MODE: "prod" })).toThrow(/SMARTCAR_MODE expects "emulator" or "live"/);
    expect(() => parseConfig({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL expects a postgres:\/\/ connection URL/);
    expect(() => parseConfig({ APP_URL: "not a url" })).toThrow(/APP_URL expects an http\(s\) URL/);
  });

  it("requires real credentials in live mode", () => {
    const error = (() => {
      try {
        parseConfig({ FLEETDECK_DATA_DIR: dataDir(), SMARTCAR_MODE: "live" });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe("SMARTCAR_CLIENT_ID");
    const live = parseConfig({
      FLEETDECK_DATA_DIR: dataDir(),
      SMARTCAR_MODE: "live",
      SMARTCAR_CLIENT_ID: "id",
      SMARTCAR_CLIENT_SECRET: "secret",
      SMARTCAR_MANAGEMENT_TOKEN: "amt",
    });
    expect(live.smartcar.hosts.vehicleApi).toBe("https://vehicle.api.smartcar.com");
    expect(live.smartcar.hosts.connect).toBe("https://connect.smartcar.com");
    expect(live.smartcar.connectMode).toBe("live");
  });

  it("requires explicit secrets on a real PostgreSQL deployment", () => {
    expect(() => parseConfig({ DATABASE_URL: "postgres://localhost/fleet" })).toThrow(/AUTH_SECRET is required when DATABASE_URL is set/);
    const config = parseConfig({
      DATABASE_URL: "postgres://localhost/fleet",
      AUTH_SECRET: "x".repeat(32),
      FLEETDECK_ENCRYPTION_KEYS: `new:${Buffer.alloc(32, 1).toString("base64")},old:${Buffer.alloc(32, 2).toString("base64")}`,
    });
    expect(config.database).toEqual({ kind: "postgres", url: "postgres://localhost/fleet" });
    expect(config.encryptionKeys.map((key) => key.id)).toEqual(["new", "old"]);
  });
});
