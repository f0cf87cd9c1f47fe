/**
 * `npm start`: the production server. Next's own handler serves every page and route, except Smartcar
 * webhook deliveries, which are answered right here on node:http by the same lib/webhooks code the
 * route handler uses. Next's request pipeline costs about a millisecond of CPU per request, which is
 * most of what acknowledging a delivery costs (`npm run bench:webhooks` measures both).
 *
 * Start-up (lib/server/startup.ts: configuration, migrations, emulator, workers) completes before the
 * port opens; Next's instrumentation hook then finds it done. Both sides share the process-wide
 * database, hub and inbox writer through globalThis.
 *
 * Usage: node --conditions=react-server --import tsx scripts/server.ts [--hostname 0.0.0.0]; the port
 * is PORT, as for `next start` (the emulator's URL is derived from it).
 */
import { createServer } from "node:http";
import { parseArgs } from "node:util";
import next from "next";
import { getConfig } from "@/lib/config";
import { startServer } from "@/lib/server/startup";
import { answerNodeWebhook, WEBHOOK_PATH } from "@/lib/webhooks/http";
import { getReceiverContext } from "@/lib/webhooks/runtime";

const { values: args } = parseArgs({
  options: { hostname: { type: "string", short: "H", default: "0.0.0.0" } },
});

async function main() {
  await startServer();
  const { port } = getConfig();
  const app = next({ dev: false, hostname: args.hostname, port });
  const handleWithNext = app.getRequestHandler();
  await app.prepare();
  const receiver = getReceiverContext();

  const server = createServer((request, response) => {
    if (request.method === "POST" && (request.url === WEBHOOK_PATH || request.url?.startsWith(`${WEBHOOK_PATH}?`))) {
      void answerNodeWebhook(receiver, request, response);
    } else {
      void handleWithNext(request, response);
    }
  });
  // Longer than the keep-alive of the proxies and senders in front, so they never reuse a closing socket.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // The ready line (URL and how to sign in) is printed by start-up once the port answers (lib/server/announce.ts).
  server.listen(port, args.hostname);

  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close(() => process.exit(0));
      server.closeIdleConnections();
      // In-flight requests get a moment to finish; an unanswered delivery is retried by Smartcar.
      setTimeout(() => process.exit(0), 5_000).unref();
    });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
