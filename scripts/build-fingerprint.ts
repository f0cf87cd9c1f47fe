/**
 * Whether the production build in the dist dir was made from the sources as they are now. `npm run
 * demo` uses it to skip `next build` (minutes on a small machine) when nothing changed. The
 * fingerprint is a content hash of every file the build reads, stored next to the BUILD_ID of the
 * build it describes; a build made by something else (a plain `next build`) has another BUILD_ID
 * and is never taken for this one.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Directories and files the Next build reads (drizzle migrations and scripts are read at run time). */
export const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "instrumentation.ts",
  "proxy.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

const FINGERPRINT_FILE = "fleetdeck-build-fingerprint.json";

function filesUnder(root: string, relative: string): string[] {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [relative];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, path.join(relative, name)));
}

/** SHA-256 over every build input's path and bytes, in a fixed order. */
export function sourceFingerprint(root: string, inputs: readonly string[] = BUILD_INPUTS): string {
  const hash = createHash("sha256");
  for (const file of inputs.flatMap((input) => filesUnder(root, input))) {
    hash.update(file.split(path.sep).join("/")).update("\0").update(readFileSync(path.join(root, file))).update("\0");
  }
  return hash.digest("hex");
}

function buildId(distDir: string): string | null {
  const file = path.join(distDir, "BUILD_ID");
  return existsSync(file) ? readFileSync(file, "utf8").trim() : null;
}

/** True when `distDir` holds a build recorded (by `recordBuild`) for exactly these sources. */
export function buildIsCurrent(root: string, distDir: string): boolean {
  const id = buildId(distDir);
  const recordFile = path.join(distDir, FINGERPRINT_FILE);
  if (!id || !existsSync(recordFile)) return false;
  try {
    const record = JSON.parse(readFileSync(recordFile, "utf8")) as { buildId?: unknown; fingerprint?: unknown };
    return record.buildId === id && record.fingerprint === sourceFingerprint(root);
  } catch {
    return false;
  }
}

/** Remembers that the build now in `distDir` was made from `fingerprint` (computed before building). */
export function recordBuild(distDir: string, fingerprint: string): void {
  const id = buildId(distDir);
  if (!id) throw new Error(`no build in ${distDir}`);
  writeFileSync(path.join(distDir, FINGERPRINT_FILE), JSON.stringify({ buildId: id, fingerprint, recordedAt: new Date().toISOString() }));
}
