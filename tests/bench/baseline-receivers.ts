/**
 * The two reference receivers of the webhook benchmark, each doing what Fleetdeck's receiver must do
 * at minimum — HMAC-SHA256 over the raw body compared in constant time, then one insert into the same
 * `webhook_deliveries` table — and nothing more (no size accounting, no schema validation, no 503
 * mapping). RECEIVER_KIND=bare serves it on node:http, RECEIVER_KIND=express through Express 5 with
 * `express.raw()`. Prints `{"port": n}` once listening. Same env as receiver-process.ts.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { openDatabase } from "@/lib/db/client";
import { migrateDatabase } from "@/lib/db/migrate";
import { verifySignature } from "@/lib/smartcar/webhook-crypto";

const INSERT = `insert into webhook_deliveries (event_id, delivery_id, event_type, smartcar_vehicle_id, raw_body)
  values ($1, $2, $3, $4, $5) returning id`;

async function main() {
  const target = process.env.RECEIVER_DB ?? "pglite:memory://";
  const amt = process.env.RECEIVER_AMT ?? "test-management-token";
  const handle = target.startsWith("postgres:")
    ? openDatabase({ kind: "postgres", url: target.slice("postgres:".length) })
    : openDatabase({ kind: "pglite", dataDir: target.slice("pglite:".length) });
  await migrateDatabase(handle);
  const insert = (values: unknown[]) => (handle.kind === "postgres" ? handle.pool.query(INSERT, values) : handle.client.query(INSERT, values));

  /** Returns the HTTP status for one body. */
  const handleBody = async (body: Buffer, signature: string | undefined): Promise<number> => {
    if (!verifySignature(amt, body, signature)) return 401;
    let event: { eventId?: string; eventType?: string; vehicleId?: string; meta?: { deliveryId?: string } };
    try {
      event = JSON.parse(body.toString("utf8"));
    } catch {
      return 400;
    }
    try {
      await insert([event.eventId, event.meta?.deliveryId ?? null, event.eventType, event.vehicleId ?? null, body.toString("utf8")]);
      return 200;
    } catch {
      return 503;
    }
  };

  const listen = (server: ReturnType<typeof createServer>) => {
    server.keepAliveTimeout = 30_000;
    server.listen(Number(process.env.RECEIVER_PORT ?? 0), "127.0.0.1", () => {
      process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
    });
  };

  if (process.env.RECEIVER_KIND === "express") {
    const app = express();
    app.post("/api/webhooks/smartcar", express.raw({ type: "*/*", limit: "50kb" }), async (request, response) => {
      const status = await handleBody(request.body as Buffer, request.get("sc-signature"));
      response.status(status).json(status === 200 ? { received: true } : { error: status });
    });
    listen(createServer(app));
    return;
  }
  listen(
    createServer((request: IncomingMessage, response: ServerResponse) => {
      const chunks: Buffer[] = [];
      request.on("data", (chunk: Buffer) => chunks.push(chunk));
      request.on("end", async () => {
        const signature = request.headers["sc-signature"];
        const status = await handleBody(Buffer.concat(chunks), typeof signature === "string" ? signature : undefined);
        response.writeHead(status, { "content-type": "application/json" }).end(status === 200 ? '{"received":true}' : `{"error":${status}}`);
      });
    }),
  );
}

void main();
