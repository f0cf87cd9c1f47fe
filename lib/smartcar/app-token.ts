import "server-only";
import { eq, and } from "drizzle-orm";
import type { Database } from "@/lib/db/client";
import { applicationTokens } from "@/lib/db/schema";
import { decryptToken, encryptToken, type EncryptionKey } from "./token-crypto";

/**
 * The v3 application token (contract §2.2): one `client_credentials` token for the whole app, valid
 * an hour, no refresh token. Cached until shortly before expiry; concurrent callers share one
 * request (single-flight); a 401 from the API invalidates it. Optionally shared through the
 * database so several instances reuse one token instead of requesting one each.
 */

export interface IssuedApplicationToken {
  accessToken: string;
  expiresAt: Date;
  issuedAt: Date;
}

export interface SharedApplicationTokenCache {
  read(): Promise<IssuedApplicationToken | null>;
  write(token: IssuedApplicationToken): Promise<void>;
  /** Forget the token if it is still the one given. */
  discard(token: IssuedApplicationToken): Promise<void>;
}

const DEFAULT_MARGIN_MS = 5 * 60_000;

export class ApplicationTokenCache {
  private current: IssuedApplicationToken | null = null;
  private inflight: Promise<IssuedApplicationToken> | null = null;

  constructor(
    private readonly requestToken: () => Promise<IssuedApplicationToken>,
    private readonly shared: SharedApplicationTokenCache | null = null,
    private readonly marginMs = DEFAULT_MARGIN_MS,
  ) {}

  /** Renew `marginMs` before expiry, or halfway through the lifetime of a short-lived token. */
  private isFresh(token: IssuedApplicationToken | null): token is IssuedApplicationToken {
    if (token === null) return false;
    const lifetimeMs = token.expiresAt.getTime() - token.issuedAt.getTime();
    return token.expiresAt.getTime() - Math.min(this.marginMs, lifetimeMs / 2) > Date.now();
  }

  async get(): Promise<string> {
    if (this.isFresh(this.current)) return this.current.accessToken;
    this.inflight ??= this.load().finally(() => {
      this.inflight = null;
    });
    return (await this.inflight).accessToken;
  }

  private async load(): Promise<IssuedApplicationToken> {
    const fromShared = this.shared ? await this.shared.read() : null;
    if (this.isFresh(fromShared)) {
      this.current = fromShared;
      return fromShared;
    }
    const issued = await this.requestToken();
    this.current = issued;
    await this.shared?.write(issued);
    return issued;
  }

  /** Drops the token if it is the one that was refused; a newer one fetched meanwhile stays. */
  async invalidate(refusedAccessToken: string | null): Promise<void> {
    const current = this.current;
    if (!current || (refusedAccessToken !== null && current.accessToken !== refusedAccessToken)) return;
    this.current = null;
    await this.shared?.discard(current);
  }
}

/** The `application_tokens` row for this client id, encrypted like every token at rest. */
export function databaseApplicationTokenCache(db: Database, keys: readonly EncryptionKey[], clientId: string): SharedApplicationTokenCache {
  const context = `application-token:${clientId}`;
  return {
    async read() {
      const [row] = await db.select().from(applicationTokens).where(eq(applicationTokens.clientId, clientId));
      if (!row) return null;
      try {
        return { accessToken: decryptToken(row.accessTokenEncrypted, row.keyId, keys, context), expiresAt: row.expiresAt, issuedAt: row.updatedAt };
      } catch {
        // A row written with a key that was since removed is as good as absent.
        return null;
      }
    },
    async write(token) {
      const { ciphertext, keyId } = encryptToken(token.accessToken, keys, context);
      const values = { accessTokenEncrypted: ciphertext, keyId, expiresAt: token.expiresAt, updatedAt: token.issuedAt };
      await db
        .insert(applicationTokens)
        .values({ clientId, ...values })
        .onConflictDoUpdate({ target: applicationTokens.clientId, set: values });
    },
    async discard(token) {
      await db.delete(applicationTokens).where(and(eq(applicationTokens.clientId, clientId), eq(applicationTokens.expiresAt, token.expiresAt)));
    },
  };
}
