import type { ConnectCallbackOutcome } from "./callback";

/** Where the browser goes after the callback; the result page explains failures in plain words. */
export function connectResultPath(outcome: ConnectCallbackOutcome): string {
  switch (outcome.kind) {
    case "connected":
      return outcome.vehicleIds.length === 1 ? `/vehicles/${outcome.vehicleIds[0]}?connected=1` : `/vehicles?connected=${outcome.vehicleIds.length}`;
    case "reconnected":
      // Someone who came through a reconnect link may have no Fleetdeck account on this device.
      return outcome.viaLink ? "/r/done" : `/vehicles/${outcome.vehicleId}?reconnected=1`;
    case "connect_error": {
      const params = new URLSearchParams({ error: outcome.error });
      if (outcome.description) params.set("description", outcome.description);
      if (outcome.statusCode) params.set("status_code", String(outcome.statusCode));
      if (outcome.errorMessage) params.set("error_message", outcome.errorMessage);
      if (outcome.make) params.set("make", outcome.make);
      return `/connect/result?${params}`;
    }
    case "invalid_state":
      return `/connect/result?error=invalid_state&reason=${outcome.reason}`;
    case "invalid_redirect":
      return `/connect/result?error=invalid_redirect`;
    case "smartcar_error": {
      const params = new URLSearchParams({ error: "smartcar_error", description: outcome.suggestedUserMessage ?? outcome.message });
      return `/connect/result?${params}`;
    }
  }
}
