import { AlertTriangle, Car, Gauge, Inbox, RefreshCcw, Settings, Truck, Webhook } from "lucide-react";

export const NAV_ITEMS = [
  { href: "/fleet", label: "Fleet", icon: Gauge },
  { href: "/vehicles", label: "Vehicles", icon: Car },
  { href: "/errors", label: "Errors", icon: AlertTriangle },
  { href: "/webhooks", label: "Webhooks", icon: Webhook },
  { href: "/reconnect", label: "Reconnect", icon: RefreshCcw },
  { href: "/migration", label: "Migration", icon: Truck },
  { href: "/outbox", label: "Outbox", icon: Inbox },
  { href: "/settings", label: "Settings", icon: Settings },
] as const;
