import { AlertTriangle, BellRing, Car, Gauge, Inbox, RefreshCcw, ScrollText, Send, Settings, Truck, Webhook } from "lucide-react";

export const NAV_ITEMS = [
  { href: "/fleet", label: "Fleet", icon: Gauge },
  { href: "/vehicles", label: "Vehicles", icon: Car },
  { href: "/commands", label: "Commands", icon: Send },
  { href: "/errors", label: "Errors", icon: AlertTriangle },
  { href: "/webhooks", label: "Webhooks", icon: Webhook },
  { href: "/reconnect", label: "Reconnect", icon: RefreshCcw },
  { href: "/migration", label: "Migration", icon: Truck },
  { href: "/outbox", label: "Outbox", icon: Inbox },
  { href: "/alerts", label: "Alerts", icon: BellRing },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;
