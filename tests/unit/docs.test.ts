import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ENV_VARIABLES } from "@/lib/config";

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");
/** NODE_ENV is set by the scripts, not by the person configuring an instance. */
const DOCUMENTED = ENV_VARIABLES.filter((name) => name !== "NODE_ENV");

describe(".env.example", () => {
  const lines = read(".env.example").split("\n");
  const assignments = lines.map((line) => line.replace(/^#\s?/, "")).filter((line) => /^[A-Z][A-Z0-9_]*=/.test(line));

  it("has one variable per line, so each can be uncommented on its own", () => {
    for (const line of assignments) {
      const value = line.replace(/\s{2,}#.*$/, "");
      expect(value.match(/\b[A-Z][A-Z0-9_]*=/g), line).toHaveLength(1);
    }
  });

  it("lists every variable the app reads, each once", () => {
    const names = assignments.map((line) => line.slice(0, line.indexOf("=")));
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...DOCUMENTED].sort());
  });
});

describe("README", () => {
  const readme = read("README.md");

  it("documents every variable in its configuration table", () => {
    for (const name of DOCUMENTED) expect(readme, name).toContain(`\`${name}\``);
  });

  it("counts the demo fleet as it appears: the cars connected, and the one waiting for the Connect step", async () => {
    const { DEMO_SMARTCAR_IDENTITIES } = await import("@/lib/demo/identities");
    const cars = DEMO_SMARTCAR_IDENTITIES.flatMap((identity) => identity.vehicles);
    const connected = cars.filter((car) => car.connected).length;
    const prose = readme.replace(/\s+/g, " ").toLowerCase();
    expect(prose).toContain(`shows ${connected} simulated cars`);
    expect(prose).toContain(`the emulator holds ${cars.length}`);
  });
});
