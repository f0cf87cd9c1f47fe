import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { vehicleTokens } from "@/lib/db/schema";
import { SmartcarError } from "./errors";
import type { SmartcarLogger } from "./http";
import { TokenDecryptionError, decryptToken, encryptToken, needsReencryption, type EncryptionKey } from "./token-crypto";

/**
 * Legacy v2 per-vehicle tokens (contract §2.1), stored encrypted in `vehicle_tokens`. Refresh tokens
 * are single-use, so a rotation must never use one twice: concurrent callers in this process share
 * one rotation (single-flight), and across processes the row lock (`SELECT … FOR UPDATE`) plus the
 * `version` check make the second rotation find the first one's result instead of refreshing again.
 * The new pair is written in the same transaction that read (and retires) the old one.
 *
 * On PostgreSQL the refresh HTTP call happens while the row is locked. If the process dies between
 * Smartcar answering and the commit, the new pair is lost; the old refresh token stays valid for about
 * a minute after use (contract §2.1), which is the window a retry has.
 *
 * PGlite is one process with one connection, and in emulator mode the emulator answering the refresh
 * lives in the same database: holding a transaction across that call would deadlock. There the
 * in-process single-flight is the lock, and the write is still conditional on the version read.
 */

export interface VehicleTokenPair {
  accessToken: string;
  refreshToken: string;
  accessExpiresAt: Date;
  refreshExpiresAt: Date;
}

export interface VehicleAccess {
  accessToken: string;
  /** The row version this token came from; pass it back to `rotate` after a 401. */
  version: number;
}

const DEFAULT_ACCESS_MARGIN_MS = 5 * 60_000;

const accessContext = (connectionId: string) => `vehicle-token:access:${connectionId}`;
const refreshContext = (connectionId: string) => `vehicle-token:refresh:${connectionId}`;

export interface VehicleTokenStoreOptions {
  db: Database;
  keys: readonly EncryptionKey[];
  /** Exchanges a refresh token at Smartcar for a new pair. */
  refresh: (refreshToken: string) => Promise<VehicleTokenPair>;
  logger: SmartcarLogger;
  /** Rotate when the access token has less than this left. */
  accessMarginMs?: number;
  /** `postgres`: hold the row lock across the refresh (several instances); `pglite`: one process, no lock held. */
  databaseKind: "pglite" | "postgres";
}

type TokenRow = typeof vehicleTokens.$inferSelect;

/** Rotations in flight, per database handle: every store of this process on one database shares them. */
const rotationsByDatabase = new WeakMap<Database, Map<string, Promise<VehicleAccess>>>();

export class VehicleTokenStore {
  private readonly rotations: Map<string, Promise<VehicleAccess>>;
  private readonly accessMarginMs: number;

  constructor(private readonly options: VehicleTokenStoreOptions) {
    this.accessMarginMs = options.accessMarginMs ?? DEFAULT_ACCESS_MARGIN_MS;
    let rotations = rotationsByDatabase.get(options.db);
    if (!rotations) {
      rotations = new Map();
      rotationsByDatabase.set(options.db, rotations);
    }
    this.rotations = rotations;
  }

  private encrypted(connectionId: string, pair: VehicleTokenPair) {
    const access = encryptToken(pair.accessToken, this.options.keys, accessContext(connectionId));
    const refresh = encryptToken(pair.refreshToken, this.options.keys, refreshContext(connectionId));
    return {
      accessTokenEncrypted: access.ciphertext,
      refreshTokenEncrypted: refresh.ciphertext,
      keyId: access.keyId,
      accessExpiresAt: pair.accessExpiresAt,
      refreshExpiresAt: pair.refreshExpiresAt,
    };
  }

  private decryptAccess(row: TokenRow): string {
    return decryptToken(row.accessTokenEncrypted, row.keyId, this.options.keys, accessContext(row.connectionId));
  }

  private isFresh(row: TokenRow): boolean {
    return row.accessExpiresAt.getTime() - this.accessMarginMs > Date.now();
  }

  /** Stores a pair from a code exchange (a new connection or a reconnect), replacing any old pair. */
  async save(connectionId: string, pair: VehicleTokenPair): Promise<void> {
    const values = { ...this.encrypted(connectionId, pair), rotatedAt: new Date() };
    await this.options.db
      .insert(vehicleTokens)
      .values({ connectionId, ...values, version: 1 })
      .onConflictDoUpdate({ target: vehicleTokens.connectionId, set: { ...values, version: sql`${vehicleTokens.version} + 1` } });
  }

  async has(connectionId: string): Promise<boolean> {
    const [row] = await this.options.db.select({ version: vehicleTokens.version }).from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    return row !== undefined;
  }

  /** A usable access token, rotating the pair first when the stored one is about to expire. */
  async getAccess(connectionId: string): Promise<VehicleAccess> {
    const [row] = await this.options.db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    if (!row) throw noToken();
    if (this.isFresh(row)) return { accessToken: this.decryptAccess(row), version: row.version };
    return this.rotate(connectionId, row.version);
  }

  /**
   * Rotates the pair unless someone already did since `seenVersion` (then their token is returned).
   * Without `seenVersion`, rotates only when the stored access token is about to expire.
   */
  rotate(connectionId: string, seenVersion?: number): Promise<VehicleAccess> {
    let rotation = this.rotations.get(connectionId);
    if (!rotation) {
      rotation = this.rotateLocked(connectionId, seenVersion).finally(() => this.rotations.delete(connectionId));
      this.rotations.set(connectionId, rotation);
    }
    return rotation;
  }

  /** The stored token is still the right answer: someone rotated since `seenVersion`, or it is fresh. */
  private currentIsGood(row: TokenRow, seenVersion: number | undefined): boolean {
    return seenVersion !== undefined ? row.version !== seenVersion : this.isFresh(row);
  }

  private async rotateLocked(connectionId: string, seenVersion: number | undefined): Promise<VehicleAccess> {
    const { db } = this.options;
    if (this.options.databaseKind === "pglite") return this.rotateInProcess(connectionId, seenVersion);
    return db.transaction(async (tx) => {
      const [row] = await tx.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId)).for("update");
      if (!row) throw noToken();
      if (this.currentIsGood(row, seenVersion)) return { accessToken: this.decryptAccess(row), version: row.version };
      const pair = await this.refreshRow(row);
      const stored = await this.storeRotation(tx, row, pair);
      if (!stored) throw new Error("vehicle token row changed while locked");
      return { accessToken: pair.accessToken, version: row.version + 1 };
    });
  }

  private async rotateInProcess(connectionId: string, seenVersion: number | undefined): Promise<VehicleAccess> {
    const { db } = this.options;
    const [row] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    if (!row) throw noToken();
    if (this.currentIsGood(row, seenVersion)) return { accessToken: this.decryptAccess(row), version: row.version };
    const pair = await this.refreshRow(row);
    if (await this.storeRotation(db, row, pair)) return { accessToken: pair.accessToken, version: row.version + 1 };
    // Another writer rotated meanwhile; its pair is the one stored, so it is the one to use.
    const [current] = await db.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, connectionId));
    if (!current) throw noToken();
    return { accessToken: this.decryptAccess(current), version: current.version };
  }

  private refreshRow(row: TokenRow): Promise<VehicleTokenPair> {
    return this.options.refresh(decryptToken(row.refreshTokenEncrypted, row.keyId, this.options.keys, refreshContext(row.connectionId)));
  }

  /** Writes the new pair only over the version it replaces; false if that version is gone. */
  private async storeRotation(db: Pick<Database, "update">, row: TokenRow, pair: VehicleTokenPair): Promise<boolean> {
    const updated = await db
      .update(vehicleTokens)
      .set({ ...this.encrypted(row.connectionId, pair), rotatedAt: new Date(), version: row.version + 1 })
      .where(and(eq(vehicleTokens.connectionId, row.connectionId), eq(vehicleTokens.version, row.version)))
      .returning({ version: vehicleTokens.version });
    if (updated.length === 1) {
      this.options.logger.info({ smartcar: "v2.token.rotated", version: row.version + 1, accessExpiresAt: pair.accessExpiresAt.toISOString() }, "vehicle token rotated");
    }
    return updated.length === 1;
  }

  /**
   * Rewrites rows still encrypted with an older key (after a key rotation). Rows that cannot be
   * decrypted at all (key removed, tampered) are left for the owner to reconnect. Returns how many
   * rows were rewritten.
   */
  async reencryptWithCurrentKey(): Promise<number> {
    const { db, keys, logger } = this.options;
    const rows = await db.select({ connectionId: vehicleTokens.connectionId, keyId: vehicleTokens.keyId }).from(vehicleTokens);
    let rewritten = 0;
    let unreadable = 0;
    for (const candidate of rows.filter((row) => needsReencryption(row.keyId, keys))) {
      try {
        await db.transaction(async (tx) => {
          const [row] = await tx.select().from(vehicleTokens).where(eq(vehicleTokens.connectionId, candidate.connectionId)).for("update");
          if (!row || !needsReencryption(row.keyId, keys)) return;
          const pair: VehicleTokenPair = {
            accessToken: this.decryptAccess(row),
            refreshToken: decryptToken(row.refreshTokenEncrypted, row.keyId, keys, refreshContext(row.connectionId)),
            accessExpiresAt: row.accessExpiresAt,
            refreshExpiresAt: row.refreshExpiresAt,
          };
          await tx.update(vehicleTokens).set(this.encrypted(row.connectionId, pair)).where(eq(vehicleTokens.connectionId, row.connectionId));
          rewritten += 1;
        });
      } catch (error) {
        if (!(error instanceof TokenDecryptionError)) throw error;
        unreadable += 1;
      }
    }
    if (unreadable > 0) logger.warn({ smartcar: "v2.token.reencrypt", unreadable }, "vehicle tokens that no configured key can decrypt");
    return rewritten;
  }
}

function noToken(): SmartcarError {
  return new SmartcarError({
    type: "CLIENT",
    code: "NO_TOKEN",
    statusCode: 0,
    description: "no per-vehicle token is stored for this connection",
  });
}
