/**
 * Turns a stored Smartcar signal body into what a person reads. Known shapes get a purpose-made
 * rendering; anything else (new signals, unexpected shapes) falls back to its fields as key/value
 * pairs, so no signal Smartcar returned is ever hidden.
 */

export type SignalTone = "neutral" | "good" | "warn" | "bad";

export interface SignalDisplay {
  /** The headline, e.g. "78 %", "Locked", "52.52000, 13.40500". */
  value: string;
  tone: SignalTone;
  details: { label: string; value: string }[];
}

/** Smartcar spells units differently across API versions and documents; all map to one symbol. */
const UNIT_SYMBOLS: Record<string, string> = {
  percent: "%",
  percentage: "%",
  "%": "%",
  kilometers: "km",
  kilometres: "km",
  km: "km",
  miles: "mi",
  mi: "mi",
  meters: "m",
  celsius: "°C",
  fahrenheit: "°F",
  kph: "km/h",
  "km/h": "km/h",
  kmh: "km/h",
  kilometers_per_hour: "km/h",
  mph: "mph",
  miles_per_hour: "mph",
  ampere: "A",
  amperes: "A",
  amps: "A",
  amp: "A",
  a: "A",
  volts: "V",
  volt: "V",
  v: "V",
  watts: "W",
  watt: "W",
  w: "W",
  kilowatts: "kW",
  kw: "kW",
  kwh: "kWh",
  kwhr: "kWh",
  kilowatt_hours: "kWh",
  kilowatt_hour: "kWh",
  liters: "L",
  litres: "L",
  l: "L",
  gallons: "gal",
  kpa: "kPa",
  kilopascals: "kPa",
  psi: "psi",
  bar: "bar",
  minutes: "min",
  min: "min",
  count: "",
};

/** The display symbol for a Smartcar unit; unknown units are shown as sent. */
export function unitSymbol(unit: string | null | undefined): string {
  if (!unit) return "";
  const key = unit.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return UNIT_SYMBOLS[key] ?? unit;
}

export function formatNumber(value: number): string {
  const fractionDigits = Math.abs(value) >= 100 || Number.isInteger(value) ? 0 : 1;
  return new Intl.NumberFormat("en-US", { maximumFractionDigits: fractionDigits }).format(value);
}

/** "78 %" → "78%", "50,000 km", "22.5 °C", "3" (count). */
export function formatQuantity(value: number, unit: string | null | undefined): string {
  const symbol = unitSymbol(unit);
  if (!symbol) return formatNumber(value);
  return symbol === "%" ? `${formatNumber(value)}%` : `${formatNumber(value)} ${symbol}`;
}

export function formatDuration(minutes: number): string {
  if (minutes < 60) return `${formatNumber(minutes)} min`;
  const hours = Math.floor(minutes / 60);
  const rest = Math.round(minutes % 60);
  return rest ? `${hours} h ${rest} min` : `${hours} h`;
}

/** "FULLY_CHARGED" → "Fully charged"; "isOpen" → "Is open"; other strings unchanged. */
export function humanize(text: string): string {
  if (/^[A-Z][A-Z0-9_]*$/.test(text)) {
    const words = text.toLowerCase().replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  if (/^[a-z]+[A-Z]/.test(text)) {
    const words = text.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
    return words.charAt(0).toUpperCase() + words.slice(1);
  }
  return text;
}

/** A JSON field name as a label: "warpFactor" → "Warp factor", "crew" → "Crew". */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/_/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const BOOLEAN_LABELS: Record<string, { yes: string; no: string; yesTone?: SignalTone; noTone?: SignalTone }> = {
  "charge-ischarging": { yes: "Charging", no: "Not charging", yesTone: "good" },
  "charge-ischargingcableconnected": { yes: "Plugged in", no: "Unplugged" },
  "charge-ischargingcablelatched": { yes: "Latched", no: "Not latched" },
  "charge-ischargingportflapopen": { yes: "Open", no: "Closed" },
  "charge-isfastchargerpresent": { yes: "Fast charger", no: "No fast charger" },
  "closure-islocked": { yes: "Locked", no: "Unlocked", yesTone: "good", noTone: "warn" },
  "connectivitystatus-isonline": { yes: "Online", no: "Offline", yesTone: "good", noTone: "warn" },
  "connectivitystatus-isasleep": { yes: "Asleep", no: "Awake" },
  "connectivitystatus-isdigitalkeypaired": { yes: "Paired", no: "Not paired" },
  "location-isathome": { yes: "At home", no: "Away" },
  "service-isinservice": { yes: "In service", no: "Not in service" },
  "surveillance-isenabled": { yes: "Enabled", no: "Disabled" },
};

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A short, readable rendering of any JSON value. */
export function formatScalar(value: unknown): string {
  if (value === null || value === undefined) return "—";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return humanize(value);
  if (Array.isArray(value)) return value.length === 0 ? "none" : value.every((item) => !isObject(item) && !Array.isArray(item)) ? value.map(formatScalar).join(", ") : `${value.length} entries`;
  if (isObject(value)) {
    if (typeof value.value === "number" && typeof value.unit === "string") return formatQuantity(value.value, value.unit);
    return Object.entries(value)
      .map(([key, inner]) => `${fieldLabel(key)}: ${isObject(inner) || Array.isArray(inner) ? JSON.stringify(inner) : formatScalar(inner)}`)
      .join(" · ");
  }
  return String(value);
}

/** Every field of an object as label/value pairs (the generic rendering for unknown shapes). */
export function describeFields(body: unknown, skip: readonly string[] = []): { label: string; value: string }[] {
  if (!isObject(body)) return [];
  return Object.entries(body)
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => ({ label: fieldLabel(key), value: formatScalar(value) }));
}

function openClosed(part: JsonObject): string {
  const facts: string[] = [];
  if (typeof part.isOpen === "boolean") facts.push(part.isOpen ? "Open" : "Closed");
  if (typeof part.isLocked === "boolean") facts.push(part.isLocked ? "Locked" : "Unlocked");
  return facts.join(" · ") || "—";
}

function positionLabel(item: JsonObject): string {
  const row = typeof item.row === "number" ? item.row : null;
  const column = typeof item.column === "number" ? item.column : null;
  if (row === null || column === null) return "Item";
  return `Row ${row + 1}, ${column === 0 ? "left" : column === 1 ? "right" : `position ${column + 1}`}`;
}

function formatPositioned(code: string, body: JsonObject, items: JsonObject[]): SignalDisplay {
  if (code === "wheel-tires") {
    return {
      value: `${items.length} tires`,
      tone: "neutral",
      details: items.map((item) => ({
        label: positionLabel(item),
        value: typeof item.tirePressure === "number" ? formatQuantity(item.tirePressure, typeof body.unit === "string" ? body.unit : "kPa") : formatScalar(item.tirePressure),
      })),
    };
  }
  const open = items.filter((item) => item.isOpen === true).length;
  const unlocked = items.filter((item) => item.isLocked === false).length;
  const summary = [open ? `${open} open` : "All closed"];
  if (items.some((item) => typeof item.isLocked === "boolean")) summary.push(unlocked ? `${unlocked} unlocked` : "all locked");
  return {
    value: summary.join(", "),
    tone: open || unlocked ? "warn" : "good",
    details: items.map((item) => ({ label: positionLabel(item), value: openClosed(item) })),
  };
}

export function formatSignal(code: string, body: unknown): SignalDisplay {
  if (!isObject(body)) return { value: formatScalar(body), tone: "neutral", details: [] };

  const value = body.value;
  if (typeof value === "boolean") {
    const labels = BOOLEAN_LABELS[code];
    if (labels) return { value: value ? labels.yes : labels.no, tone: (value ? labels.yesTone : labels.noTone) ?? "neutral", details: [] };
    return { value: value ? "Yes" : "No", tone: "neutral", details: describeFields(body, ["value"]) };
  }
  if (typeof value === "number") {
    if (code === "charge-timetocomplete") return { value: formatDuration(value), tone: "neutral", details: [] };
    const details = describeFields(body, ["value", "unit", "additionalValues"]);
    if (Array.isArray(body.additionalValues)) {
      for (const extra of body.additionalValues.filter(isObject)) {
        details.push({
          label: typeof extra.type === "string" ? humanize(extra.type) : "Other",
          value: typeof extra.value === "number" ? formatQuantity(extra.value, typeof body.unit === "string" ? body.unit : null) : formatScalar(extra.value),
        });
      }
    }
    return { value: formatQuantity(value, typeof body.unit === "string" ? body.unit : null), tone: "neutral", details };
  }
  // Identifiers (VIN, nickname, colour names) are shown as the car spells them.
  if (typeof value === "string" && code.startsWith("vehicleidentification-")) return { value, tone: "neutral", details: describeFields(body, ["value"]) };
  if (typeof value === "string") {
    const tone: SignalTone = code === "lowvoltagebattery-status" ? (value === "GOOD" ? "good" : value === "BAD" ? "bad" : "warn") : "neutral";
    return { value: humanize(value), tone, details: describeFields(body, ["value"]) };
  }

  if (typeof body.latitude === "number" && typeof body.longitude === "number") {
    const details: SignalDisplay["details"] = [];
    if (typeof body.heading === "number") details.push({ label: "Heading", value: `${formatNumber(body.heading)}°${typeof body.direction === "string" ? ` (${body.direction})` : ""}` });
    if (typeof body.locationType === "string") details.push({ label: "Type", value: humanize(body.locationType) });
    details.push(...describeFields(body, ["latitude", "longitude", "heading", "direction", "locationType"]));
    return { value: `${body.latitude.toFixed(5)}, ${body.longitude.toFixed(5)}`, tone: "neutral", details };
  }

  if (typeof body.status === "string" && code.startsWith("diagnostics-")) {
    const ok = body.status.toUpperCase() === "OK";
    return {
      value: ok ? "OK" : humanize(body.status),
      tone: ok ? "good" : "bad",
      details: typeof body.description === "string" && body.description ? [{ label: "Description", value: body.description }] : [],
    };
  }

  if (typeof body.capacity === "number") {
    return { value: formatQuantity(body.capacity, typeof body.unit === "string" ? body.unit : "kWh"), tone: "neutral", details: describeFields(body, ["capacity", "unit"]) };
  }

  if (typeof body.canonical === "string") {
    return { value: humanize(body.canonical), tone: "neutral", details: describeFields(body, ["canonical"]) };
  }

  if (Array.isArray(body.values)) {
    const items = body.values;
    if (code === "charge-chargelimits" && typeof body.activeLimit === "number") {
      const unit = typeof body.unit === "string" ? body.unit : "percent";
      return {
        value: formatQuantity(body.activeLimit, unit),
        tone: "neutral",
        details: items.filter(isObject).map((limit) => ({
          label: `${typeof limit.type === "string" ? humanize(limit.type) : "Limit"} limit`,
          value: typeof limit.limit === "number" ? formatQuantity(limit.limit, unit) : formatScalar(limit.limit),
        })),
      };
    }
    if (items.length > 0 && items.every(isObject) && items.every((item) => "row" in item && "column" in item)) {
      return formatPositioned(code, body, items as JsonObject[]);
    }
    if (code === "diagnostics-dtclist") {
      const codes = items.filter(isObject).map((item) => String(item.code ?? "?"));
      return { value: codes.length ? codes.join(", ") : "No trouble codes", tone: codes.length ? "warn" : "good", details: [] };
    }
    if (items.every((item) => !isObject(item) && !Array.isArray(item))) {
      return { value: items.length ? items.map(formatScalar).join(", ") : "None", tone: "neutral", details: [] };
    }
    return {
      value: items.length === 1 ? "1 entry" : `${items.length} entries`,
      tone: "neutral",
      details: [
        ...describeFields(body, ["values"]),
        ...items.map((item, index) => ({ label: `#${index + 1}`, value: formatScalar(item) })),
      ],
    };
  }

  if ("isOpen" in body || "isLocked" in body) {
    return { value: openClosed(body), tone: body.isOpen === true ? "warn" : "neutral", details: [] };
  }

  const details = describeFields(body);
  return { value: details.length ? "" : "Empty", tone: "neutral", details };
}
