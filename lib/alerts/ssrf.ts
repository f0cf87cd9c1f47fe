import "server-only";
import { lookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";

/**
 * Outbound webhooks go only where their owner may send them: http(s) URLs to public addresses.
 * Private, loopback, link-local and other special ranges are refused unless the operator allows them
 * (OUTBOUND_WEBHOOK_ALLOW_PRIVATE), and Fleetdeck's own address and port never. The check runs when an
 * endpoint is saved and again on every send, against the addresses the name resolves to then, and
 * the connection is made to exactly those checked addresses (no DNS rebinding in between).
 */

export interface OutboundPolicy {
  /** Host names, IP addresses and CIDR ranges allowed even though private. */
  allowPrivate: readonly string[];
  /** Fleetdeck's own origin (APP_URL) and the port it listens on. */
  appUrl: string;
  port: number;
}

const SPECIAL = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  SPECIAL.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["64:ff9b::", 96],
  ["100::", 64],
  ["2001:db8::", 32],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  SPECIAL.addSubnet(network, prefix, "ipv6");
}

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addSubnet("0.0.0.0", 32, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");
LOOPBACK.addAddress("::", "ipv6");

function family(address: string): "ipv4" | "ipv6" {
  return isIP(address) === 6 ? "ipv6" : "ipv4";
}

/** IPv4-mapped IPv6 (`::ffff:10.0.0.1`) is checked as the IPv4 address it carries. */
function unmapped(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function allowList(policy: OutboundPolicy): BlockList {
  const list = new BlockList();
  for (const entry of policy.allowPrivate) {
    const [network, prefix] = entry.split("/");
    if (!network || !isIP(network)) continue;
    if (prefix) list.addSubnet(network, Number(prefix), family(network));
    else list.addAddress(network, family(network));
  }
  return list;
}

function portOf(url: URL): number {
  return url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
}

function isSelf(url: URL, policy: OutboundPolicy, address?: string): boolean {
  const app = new URL(policy.appUrl);
  const port = portOf(url);
  if (url.hostname.toLowerCase() === app.hostname.toLowerCase() && port === portOf(app)) return true;
  if (port !== policy.port) return false;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const candidate = unmapped(address ?? host);
  return host === "localhost" || host.endsWith(".localhost") || (isIP(candidate) !== 0 && LOOPBACK.check(candidate, family(candidate)));
}

/** Whether one resolved address may be contacted for this URL. */
export function addressAllowed(url: URL, address: string, policy: OutboundPolicy): boolean {
  const plain = unmapped(address);
  if (isSelf(url, policy, plain)) return false;
  if (!SPECIAL.check(plain, family(plain))) return true;
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return policy.allowPrivate.includes(host) || allowList(policy).check(plain, family(plain));
}

export type UrlCheck = { ok: true; url: URL } | { ok: false; message: string };

/** The checks that need no network: scheme, credentials, Fleetdeck itself, literal private addresses. */
export function checkEndpointUrl(raw: string, policy: OutboundPolicy): UrlCheck {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return { ok: false, message: "Enter a full URL such as https://hooks.example.com/fleetdeck." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, message: "Only http:// and https:// URLs can receive webhooks." };
  if (url.username || url.password) return { ok: false, message: "Put credentials in the receiver's secret check, not in the URL." };
  if (raw.length > 2_000) return { ok: false, message: "The URL is too long." };
  if (isSelf(url, policy)) return { ok: false, message: "The URL points at Fleetdeck itself." };
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const literal = isIP(host) !== 0 ? host : host === "localhost" || host.endsWith(".localhost") ? "127.0.0.1" : null;
  if (literal && !addressAllowed(url, literal, policy)) {
    return { ok: false, message: "The URL points at a private or local address. Ask the operator to allow it with OUTBOUND_WEBHOOK_ALLOW_PRIVATE if that is intended." };
  }
  return { ok: true, url };
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for node:http(s) that resolves the name and refuses the connection unless every
 * address it would use is allowed; the socket then connects to the checked address.
 */
export function guardedLookup(url: URL, policy: OutboundPolicy) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback): void => {
    lookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => !addressAllowed(url, entry.address, policy));
      if (refused || addresses.length === 0) {
        const denial = Object.assign(new Error(`refused: ${hostname} resolves to ${refused?.address ?? "nothing"}, a private or local address`), { code: "EADDRNOTALLOWED" });
        return callback(denial, []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}
