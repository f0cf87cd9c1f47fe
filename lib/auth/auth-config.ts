import "server-only";
import type { DefaultSession, NextAuthConfig } from "next-auth";
import { CredentialsSignin } from "next-auth";
import type {} from "next-auth/jwt";
import Credentials from "next-auth/providers/credentials";
import { getConfig, type Config } from "@/lib/config";
import { authAuditEvents, auditSignInRefused } from "@/lib/audit/auth-events";
import { getDb } from "@/lib/db";
import { getLogger } from "@/lib/log";
import { clientAddress, passwordSignInInput, signInWithPassword } from "./password-sign-in";
import { isRole, type Role } from "./roles";
import { findUserByEmail } from "./users";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    role?: Role;
  }
}

/** The wrong email or the wrong password: one message for both. */
export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

export class TooManySignInAttempts extends CredentialsSignin {
  code = "rate_limited";
}

export const OIDC_PROVIDER_ID = "oidc";
export const SESSION_MAX_AGE_SECONDS = 7 * 24 * 60 * 60;

function oidcProvider(oidc: NonNullable<Config["oidc"]>): NonNullable<NextAuthConfig["providers"]>[number] {
  return {
    id: OIDC_PROVIDER_ID,
    name: "Single sign-on",
    type: "oidc",
    issuer: oidc.issuer,
    clientId: oidc.clientId,
    clientSecret: oidc.clientSecret,
    checks: ["pkce", "state", "nonce"],
  };
}

/**
 * Built per request from the validated config rather than at import, so `next build` never reads
 * secrets. The secret is the one from the config (generated into the data dir on the embedded
 * default), which is what lets sessions survive a restart.
 */
export function buildAuthConfig(config: Config = getConfig()) {
  return {
    secret: config.authSecret,
    trustHost: true,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    logger: {
      // A refused password is routine and already logged by `authorize`; anything else is worth a warning.
      error: (error) => {
        const type = "type" in error ? String(error.type) : error.name;
        if (type !== "CredentialsSignin") getLogger().warn({ type, message: error.message }, "auth error");
      },
      warn: (code) => getLogger().warn({ code }, "auth warning"),
      debug: () => {},
    },
    providers: [
      Credentials({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, request) {
          const input = passwordSignInInput.safeParse(credentials);
          if (!input.success) throw new InvalidCredentials();
          const result = await signInWithPassword(getDb(), { ...input.data, ip: clientAddress(request.headers) });
          if (result.ok) return result.user;
          getLogger().info({ reason: result.reason }, "password sign-in refused");
          await auditSignInRefused(input.data.email, result.reason, clientAddress(request.headers));
          if (result.reason === "rate_limited") throw new TooManySignInAttempts();
          throw new InvalidCredentials();
        },
      }),
      ...(config.oidc ? [oidcProvider(config.oidc)] : []),
    ],
    events: authAuditEvents,
    callbacks: {
      /** Single sign-on only opens existing accounts (created by setup or invitation), matched by verified email. */
      async signIn({ account, profile }) {
        if (account?.provider !== OIDC_PROVIDER_ID) return true;
        if (!profile?.email || profile.email_verified === false) return "/sign-in?error=sso_no_account";
        const user = await findUserByEmail(getDb(), profile.email);
        return user ? true : "/sign-in?error=sso_no_account";
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === OIDC_PROVIDER_ID && profile?.email) {
          const appUser = await findUserByEmail(getDb(), profile.email);
          if (appUser) {
            token.sub = appUser.id;
            token.role = appUser.role;
            token.email = appUser.email;
            token.name = appUser.name;
          }
        } else if (user?.id) {
          token.sub = user.id;
          token.role = user.role;
        }
        return token;
      },
      session({ session, token }) {
        if (token.sub) session.user.id = token.sub;
        if (isRole(token.role)) session.user.role = token.role;
        return session;
      },
    },
  } satisfies NextAuthConfig;
}
