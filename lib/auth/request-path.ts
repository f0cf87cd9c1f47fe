/** Request header the proxy sets to the path and query being requested, so guards can send people back after sign-in. */
export const REQUEST_PATH_HEADER = "x-fleetdeck-path";
