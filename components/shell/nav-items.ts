import { AlertTriangle, BellRing, Car, FileBarChart, Gauge, Inbox, MonitorPlay, RefreshCcw, ScrollText, Send, Settings, Truck, Webhook, type LucideIcon } from "lucide-react";
import type { Role } from "@/lib/auth/roles";

export interface NavItem {
  href: string;
  label: string;
  /** What an owner reads instead, where the page is about their own cars. */
  ownerLabel?: string;
  icon: LucideIcon;
  /** The roles whose guard on that page lets them in: the navigation never offers a page that answers 403. */
  roles: readonly Role[];
  /** The emulator's presenter page: only where the emulator runs. */
  presenter?: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/fleet", label: "Fleet", icon: Gauge, roles: ["manager", "viewer"] },
  { href: "/vehicles", label: "Vehicles", ownerLabel: "My vehicles", icon: Car, roles: ["manager", "owner", "viewer"] },
  { href: "/commands", label: "Commands", icon: Send, roles: ["manager", "owner", "viewer"] },
  { href: "/errors", label: "Errors", icon: AlertTriangle, roles: ["manager", "owner", "viewer"] },
  { href: "/webhooks", label: "Webhooks", icon: Webhook, roles: ["manager"] },
  { href: "/reconnect", label: "Reconnect", icon: RefreshCcw, roles: ["manager", "owner", "viewer"] },
  { href: "/migration", label: "Migration", icon: Truck, roles: ["manager", "viewer"] },
  { href: "/outbox", label: "Outbox", icon: Inbox, roles: ["manager"] },
  { href: "/alerts", label: "Alerts", icon: BellRing, roles: ["manager", "owner"] },
  { href: "/reports", label: "Reports", icon: FileBarChart, roles: ["manager"] },
  { href: "/audit", label: "Audit log", icon: ScrollText, roles: ["manager"] },
  { href: "/settings", label: "Settings", icon: Settings, roles: ["manager"] },
  { href: "/sim", label: "Emulator (presenter)", icon: MonitorPlay, roles: ["manager"], presenter: true },
];

/** The links one person sees: their role's pages, and the presenter page only where the emulator runs. */
export function navItemsFor(role: Role, emulator: boolean): { href: string; label: string; icon: LucideIcon; presenter: boolean }[] {
  return NAV_ITEMS.filter((item) => item.roles.includes(role) && (!item.presenter || emulator)).map((item) => ({
    href: item.href,
    label: role === "owner" && item.ownerLabel ? item.ownerLabel : item.label,
    icon: item.icon,
    presenter: Boolean(item.presenter),
  }));
}
