// Per-app state of single sign-on, built on first use: the provider, and the openid-client
// configurations for the platform's own issuer (the BFF) and for the trusted upstream provider.
//
// The BFF talks to its own issuer in-process (app.inject) rather than over the network: the
// provider is in the same process, so there is no hairpin through a load balancer or TLS terminator
// that the server may not be able to reach, and tests need no listening socket. It is still
// openid-client doing discovery, the token request and every check (state, nonce, PKCE, ID token).
import type { FastifyInstance } from 'fastify';
import * as client from 'openid-client';
import type Provider from 'oidc-provider';
import type { AppDeps } from '../../app.js';
import { createProvider, issuerOf, WEB_CLIENT_ID, webClientSecret } from './provider.js';

export interface OidcRuntime {
  deps: AppDeps;
  provider(): Promise<Provider>;
  ownClient(): Promise<client.Configuration>;
  /** null when no upstream provider is configured. */
  upstreamClient(): Promise<client.Configuration> | null;
}

const NULL_BODY = new Set([101, 204, 205, 304]);

function inProcessFetch(app: FastifyInstance, origin: string): client.CustomFetch {
  return async (url, options) => {
    const target = new URL(url);
    if (target.origin !== origin) return fetch(url, options as RequestInit);
    const headers: Record<string, string> = { host: target.host };
    new Headers(options.headers as HeadersInit).forEach((value, key) => {
      headers[key] = value;
    });
    const response = await app.inject({
      method: options.method as 'GET' | 'POST',
      url: target.pathname + target.search,
      headers,
      payload: options.body == null ? undefined : String(options.body),
    });
    const out = new Headers();
    for (const [key, value] of Object.entries(response.headers)) {
      for (const v of [value].flat()) if (v !== undefined) out.append(key, String(v));
    }
    return new Response(NULL_BODY.has(response.statusCode) ? null : new Uint8Array(response.rawPayload), { status: response.statusCode, headers: out });
  };
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | null = null;
  return () => {
    pending ??= make().catch((error) => {
      pending = null; // a failed start (database down) may succeed on the next request
      throw error;
    });
    return pending;
  };
}

export function createOidcRuntime(app: FastifyInstance, deps: AppDeps): OidcRuntime {
  const provider = once(() => createProvider(deps));
  const ownClient = once(async () => {
    const issuer = new URL(issuerOf(deps));
    const fetchImpl = inProcessFetch(app, issuer.origin);
    return client.discovery(issuer, WEB_CLIENT_ID, undefined, client.ClientSecretBasic(webClientSecret(deps)), {
      [client.customFetch]: fetchImpl,
      execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
    });
  });
  const upstream = deps.config.sso.upstream;
  const upstreamClient = upstream
    ? once(async () => {
        const issuer = new URL(upstream.issuer);
        return client.discovery(issuer, upstream.clientId, undefined, client.ClientSecretBasic(upstream.clientSecret), {
          execute: issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
        });
      })
    : null;
  return { deps, provider, ownClient, upstreamClient: () => (upstreamClient ? upstreamClient() : null) };
}
