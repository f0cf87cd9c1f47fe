import type { SignalTone } from "./signal-format";
import { formatAge } from "./signal-freshness";

/**
 * "Doors and locks" in one line, derived from several closure readings (lock, doors, windows,
 * trunks). Each reading has its own age: when they were not reported together, the summary says how
 * old the older ones are instead of presenting them as one current picture.
 */

interface ClosureReading {
  code: string;
  status: string;
  body: unknown;
  oemUpdatedAt: Date | null;
  retrievedAt: Date | null;
}

export interface SecurityPart {
  code: string;
  label: string;
  text: string;
  at: Date | null;
}

export interface SecuritySummary {
  value: string;
  tone: SignalTone;
  parts: SecurityPart[];
  /** Older parts, with their age, when the parts span more than READ_TOGETHER_MS. */
  olderParts: { label: string; age: string }[];
  newest: Date | null;
  oldest: Date | null;
}

/** Readings this close together count as one report (Smartcar stamps a batch within a few seconds). */
export const READ_TOGETHER_MS = 60_000;

const CLOSURES = [
  { code: "closure-islocked", label: "Lock" },
  { code: "closure-doors", label: "Doors" },
  { code: "closure-windows", label: "Windows" },
  { code: "closure-reartrunk", label: "Trunk" },
  { code: "closure-fronttrunk", label: "Front trunk" },
] as const;

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

function openCount(body: Json): number | null {
  if (!Array.isArray(body.values)) return null;
  return body.values.filter((item) => isObject(item) && item.isOpen === true).length;
}

function describe(code: string, body: Json): { text: string; open: boolean; locked: boolean | null } | null {
  switch (code) {
    case "closure-islocked":
      return typeof body.value === "boolean" ? { text: body.value ? "Locked" : "Unlocked", open: false, locked: body.value } : null;
    case "closure-doors":
    case "closure-windows": {
      const open = openCount(body);
      if (open === null) return null;
      const noun = code === "closure-doors" ? "door" : "window";
      const locks = code === "closure-doors" && Array.isArray(body.values) ? body.values.filter(isObject).map((item) => item.isLocked) : [];
      const locked = locks.length > 0 && locks.every((value) => typeof value === "boolean") ? locks.every(Boolean) : null;
      return { text: open === 0 ? `${noun}s closed` : `${open} ${noun}${open === 1 ? "" : "s"} open`, open: open > 0, locked };
    }
    default: {
      if (typeof body.isOpen !== "boolean") return null;
      const name = code === "closure-fronttrunk" ? "front trunk" : "trunk";
      return { text: body.isOpen ? `${name} open` : `${name} closed`, open: body.isOpen, locked: typeof body.isLocked === "boolean" ? body.isLocked : null };
    }
  }
}

export function summarizeSecurity(signals: readonly ClosureReading[], now: Date = new Date()): SecuritySummary | null {
  const parts: (SecurityPart & { open: boolean; locked: boolean | null })[] = [];
  for (const closure of CLOSURES) {
    const signal = signals.find((candidate) => candidate.code === closure.code && candidate.status === "SUCCESS");
    if (!signal || !isObject(signal.body)) continue;
    const described = describe(closure.code, signal.body);
    if (described) parts.push({ code: closure.code, label: closure.label, at: signal.oemUpdatedAt ?? signal.retrievedAt, ...described });
  }
  if (parts.length === 0) return null;

  // The lock comes from IsLocked when reported; the doors' own lock flags only stand in without it.
  const lockPart = parts.find((part) => part.code === "closure-islocked") ?? parts.find((part) => part.code === "closure-doors" && part.locked !== null);
  const locked = lockPart ? lockPart.locked : null;
  const opened = parts.filter((part) => part.open).map((part) => part.text);
  const lockText = locked === null ? null : locked ? "Locked" : "Unlocked";
  const closedText = opened.length === 0 ? "all closed" : opened.join(", ");
  const value = lockText ? `${lockText}, ${closedText}` : closedText.charAt(0).toUpperCase() + closedText.slice(1);

  const times = parts.map((part) => part.at?.getTime()).filter((time): time is number => time !== undefined);
  const newest = times.length ? Math.max(...times) : null;
  const oldest = times.length ? Math.min(...times) : null;
  const olderParts =
    newest !== null
      ? parts
          .filter((part) => part.at !== null && newest - part.at.getTime() > READ_TOGETHER_MS)
          .map((part) => ({ label: part.label, age: formatAge(Math.max(0, now.getTime() - part.at!.getTime())) }))
      : [];

  return {
    value,
    tone: locked === false || opened.length > 0 ? "warn" : "good",
    parts: parts.map(({ code, label, text, at }) => ({ code, label, text, at })),
    olderParts,
    newest: newest === null ? null : new Date(newest),
    oldest: oldest === null ? null : new Date(oldest),
  };
}
