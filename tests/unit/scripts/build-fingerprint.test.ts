import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildIsCurrent, recordBuild, sourceFingerprint } from "../../../scripts/build-fingerprint";

/** A fake checkout: a few build inputs, a file the build does not read, and a dist dir with a BUILD_ID. */
function checkout() {
  const root = mkdtempSync(path.join(tmpdir(), "fleetdeck-fingerprint-"));
  mkdirSync(path.join(root, "app", "fleet"), { recursive: true });
  mkdirSync(path.join(root, "drizzle"), { recursive: true });
  mkdirSync(path.join(root, ".next"), { recursive: true });
  writeFileSync(path.join(root, "app", "fleet", "page.tsx"), "export default function Page() {}");
  writeFileSync(path.join(root, "package.json"), "{}");
  writeFileSync(path.join(root, "drizzle", "0000.sql"), "create table t ();");
  writeFileSync(path.join(root, ".next", "BUILD_ID"), "build-1");
  return root;
}

let roots: string[] = [];
afterEach(() => {
  for (const root of roots) rmSync(root, { recursive: true, force: true });
  roots = [];
});

describe("npm run demo's build reuse", () => {
  it("reuses a build recorded for the same sources, and rebuilds when a source changes", () => {
    const root = checkout();
    roots.push(root);
    const dist = path.join(root, ".next");
    expect(buildIsCurrent(root, dist)).toBe(false);
    recordBuild(dist, sourceFingerprint(root));
    expect(buildIsCurrent(root, dist)).toBe(true);

    // Files the build does not read change nothing.
    writeFileSync(path.join(root, "drizzle", "0001.sql"), "alter table t add column c int;");
    expect(buildIsCurrent(root, dist)).toBe(true);

    writeFileSync(path.join(root, "app", "fleet", "page.tsx"), "export default function Page() { return null; }");
    expect(buildIsCurrent(root, dist)).toBe(false);
    recordBuild(dist, sourceFingerprint(root));
    writeFileSync(path.join(root, "app", "fleet", "loading.tsx"), "export default function Loading() {}");
    expect(buildIsCurrent(root, dist)).toBe(false);
  });

  it("never takes another build (a plain next build, a different BUILD_ID) for the recorded one", () => {
    const root = checkout();
    roots.push(root);
    const dist = path.join(root, ".next");
    recordBuild(dist, sourceFingerprint(root));
    writeFileSync(path.join(dist, "BUILD_ID"), "build-2");
    expect(buildIsCurrent(root, dist)).toBe(false);
    rmSync(path.join(dist, "BUILD_ID"));
    expect(buildIsCurrent(root, dist)).toBe(false);
    expect(() => recordBuild(dist, "x")).toThrow(/no build/);
  });

  it("fingerprints content, not timestamps", () => {
    const root = checkout();
    roots.push(root);
    const before = sourceFingerprint(root);
    writeFileSync(path.join(root, "package.json"), "{}");
    expect(sourceFingerprint(root)).toBe(before);
  });
});
