import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { decode, encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { buildAuthConfig, OIDC_PROVIDER_ID } from "@/lib/auth/auth-config";
import { ConfigError, parseConfig } from "@/lib/config";

const dataDir = () => mkdtempSync(path.join(tmpdir(), "fleetdeck-auth-"));
const SESSION_COOKIE = "authjs.session-token";

function providerIds(config: ReturnType<typeof buildAuthConfig>): string[] {
  return config.providers.map((provider) => ("id" in provider ? provider.id : (provider as { options?: { id?: string } }).options?.id ?? ""));
}

describe("Auth.js configuration", () => {
  it("uses JWT sessions signed with the configured secret, trusting the host it runs on", () => {
    const config = parseConfig({ FLEETDECK_DATA_DIR: dataDir() });
    const auth = buildAuthConfig(config);
    expect(auth.secret).toBe(config.authSecret);
    expect(auth.trustHost).toBe(true);
    expect(auth.session.strategy).toBe("jwt");
    expect(auth.pages.signIn).toBe("/sign-in");
  });

  it("keeps sessions valid across a restart, because the embedded secret is kept in the data directory", async () => {
    const dir = dataDir();
    const beforeRestart = buildAuthConfig(parseConfig({ FLEETDECK_DATA_DIR: dir }));
    const token = await encode({ token: { sub: "user-1", role: "viewer" }, secret: beforeRestart.secret, salt: SESSION_COOKIE });

    const afterRestart = buildAuthConfig(parseConfig({ FLEETDECK_DATA_DIR: dir }));
    expect(await decode({ token, secret: afterRestart.secret, salt: SESSION_COOKIE })).toMatchObject({ sub: "user-1", role: "viewer" });

    const otherInstall = buildAuthConfig(parseConfig({ FLEETDECK_DATA_DIR: dataDir() }));
    await expect(decode({ token, secret: otherInstall.secret, salt: SESSION_COOKIE })).rejects.toThrow();
  });

  it("offers single sign-on only when an OIDC provider is configured", () => {
    const withoutOidc = parseConfig({ FLEETDECK_DATA_DIR: dataDir() });
    expect(withoutOidc.oidc).toBeNull();
    expect(providerIds(buildAuthConfig(withoutOidc))).toEqual(["credentials"]);

    const withOidc = parseConfig({
      FLEETDECK_DATA_DIR: dataDir(),
      AUTH_OIDC_ISSUER: "https://login.example.com/",
      AUTH_OIDC_CLIENT_ID: "fleetdeck",
      AUTH_OIDC_CLIENT_SECRET: "s3cret",
    });
    // The issuer is kept exactly as given: it must equal the `iss` claim, trailing slash included.
    expect(withOidc.oidc).toEqual({ issuer: "https://login.example.com/", clientId: "fleetdeck", clientSecret: "s3cret" });
    expect(providerIds(buildAuthConfig(withOidc))).toEqual(["credentials", OIDC_PROVIDER_ID]);
  });

  it("refuses a half-configured OIDC provider, naming what is missing", () => {
    expect(() => parseConfig({ FLEETDECK_DATA_DIR: dataDir(), AUTH_OIDC_ISSUER: "https://login.example.com", AUTH_OIDC_CLIENT_ID: "fleetdeck" })).toThrow(
      new ConfigError("AUTH_OIDC_CLIENT_SECRET", "is required when any AUTH_OIDC_* variable is set (issuer, client id and client secret go together)"),
    );
    expect(() => parseConfig({ FLEETDECK_DATA_DIR: dataDir(), AUTH_OIDC_ISSUER: "not a url" })).toThrow(/AUTH_OIDC_ISSUER/);
  });
});
