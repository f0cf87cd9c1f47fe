export * from "./users";
export * from "./vehicles";
export * from "./webhooks";
export * from "./errors";
export * from "./smartcar-tokens";
export * from "./webhook-processing";
export * from "./auth";
export * from "./connect";
