import "server-only";
import type { SessionUser } from "@/lib/auth/guards";
import type { LiveEvent } from "./events";
import type { LiveHub } from "./hub";

/**
 * Turns hub notices into a Server-Sent Events stream for one signed-in user, passing on only what
 * that user may see: vehicle notices for visible vehicles, error notices for visible (or, for
 * managers, unmatched) vehicles, delivery notices for managers only.
 */

const HEARTBEAT_MS = 15_000;
const VISIBILITY_CACHE_MS = 30_000;

export interface LiveStreamOptions {
  user: SessionUser;
  hub: LiveHub;
  canSeeVehicle: (vehicleId: string) => Promise<boolean>;
  signal: AbortSignal;
}

export function liveEventStream({ user, hub, canSeeVehicle, signal }: LiveStreamOptions): Response {
  const encoder = new TextEncoder();
  const visibility = new Map<string, { visible: boolean; checkedAt: number }>();

  const isVisible = async (vehicleId: string): Promise<boolean> => {
    const cached = visibility.get(vehicleId);
    if (cached && Date.now() - cached.checkedAt < VISIBILITY_CACHE_MS) return cached.visible;
    const visible = await canSeeVehicle(vehicleId);
    visibility.set(vehicleId, { visible, checkedAt: Date.now() });
    return visible;
  };

  const allowed = async (event: LiveEvent): Promise<boolean> => {
    if (event.type === "delivery") return user.role === "manager";
    if (event.type === "notification") return event.userId === user.id;
    if (event.vehicleId === null) return user.role === "manager";
    return isVisible(event.vehicleId);
  };

  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let open = true;
      const send = (text: string) => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // Checks are chained so notices leave in the order they arrived.
      let queue = Promise.resolve();
      const unsubscribe = hub.subscribe((event) => {
        queue = queue
          .then(() => allowed(event))
          .then((ok) => {
            if (ok) send(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
          })
          .catch(() => {});
      });
      const heartbeat = setInterval(() => send(`: keep-alive\n\n`), HEARTBEAT_MS);
      cleanup = () => {
        if (!open) return;
        open = false;
        clearInterval(heartbeat);
        unsubscribe();
        try {
          controller.close();
        } catch {
          // already closed by the client going away
        }
      };
      signal.addEventListener("abort", cleanup, { once: true });
      send(`retry: 2000\nevent: ready\ndata: {}\n\n`);
    },
    cancel() {
      cleanup();
    },
  });

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
