// The platform as an OpenID Connect provider (统一身份认证, Art. 22): oidc-provider configured for
// Tongban. Accounts are "staff:<user id>" or "applicant:<applicant id>"; the platform's own web app
// is a confidential first-party client (consent implicit); department systems are machine clients
// (client_credentials) registered in the database. Built once per app, on first use, because the
// public URL (and so the issuer) may be known only after the server listens.
import { createHmac } from 'node:crypto';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import type { AppDeps } from '../../app.js';
import { sensitiveColumns } from '../../lib/sm-crypto.js';
import { actorForUser } from '../identity/service.js';
import { MACHINE_SCOPES } from '../identity/permissions.js';
import { ownProfile } from '../applicants/service.js';
import { pgAdapterFactory } from './adapter.js';
import { loadSigningKeys } from './keys.js';
import { oidcErrorPage, logoutConfirmPage, signedOutPage } from './views.js';

export const OIDC_PREFIX = '/oidc';
export const WEB_CLIENT_ID = 'tongban-web';
export const BFF_CALLBACK_PATH = '/auth/callback';

export const issuerOf = (deps: AppDeps) => `${deps.config.publicUrl}${OIDC_PREFIX}`;

/**
 * The web app's client secret, derived from the first cookie key: the web app and the provider run
 * in the same process, so nothing needs distributing, and every process of a deployment agrees.
 */
export function webClientSecret(deps: AppDeps): string {
  return createHmac('sha256', deps.config.sso.cookieKeys[0]!).update('tongban-web-client-secret').digest('base64url');
}

export type AccountRef = { kind: 'staff'; id: string } | { kind: 'applicant'; id: string };

export function parseAccountId(sub: string): AccountRef | null {
  const m = /^(staff|applicant):([A-Za-z0-9-]{1,64})$/.exec(sub);
  return m ? { kind: m[1] as 'staff' | 'applicant', id: m[2]! } : null;
}

async function findAccount(deps: AppDeps, sub: string) {
  const ref = parseAccountId(sub);
  if (!ref) return undefined;
  if (ref.kind === 'staff') {
    const actor = await actorForUser(deps.db, ref.id);
    if (!actor) return undefined;
    return { accountId: sub, claims: () => ({ sub, tb_kind: 'staff', name: actor.displayName, preferred_username: actor.username }) };
  }
  const applicant = await ownProfile(deps, { applicantId: ref.id, sessionId: '' }).catch(() => null);
  if (!applicant) return undefined;
  return { accountId: sub, claims: () => ({ sub, tb_kind: 'applicant', ...(applicant.name ? { name: applicant.name } : {}) }) };
}

/** First-party clients need no consent screen: the grant covers the OpenID scopes they asked for. */
async function implicitGrant(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const clientId = oidc.client!.clientId;
  const grantId = (oidc.result?.consent as { grantId?: string } | undefined)?.grantId ?? oidc.session!.grantIdFor(clientId);
  const existing = grantId ? await oidc.provider.Grant.find(grantId) : undefined;
  const grant = existing ?? new oidc.provider.Grant({ clientId, accountId: oidc.session!.accountId! });
  grant.addOIDCScope([...oidc.requestParamOIDCScopes].join(' '));
  await grant.save();
  return grant;
}

function ttlConfig(deps: AppDeps): Configuration['ttl'] {
  const sessionSeconds = Math.min(deps.config.security.sessionMaxHours, 12) * 3600;
  return {
    AccessToken: 600,
    AuthorizationCode: 60,
    ClientCredentials: 600,
    IdToken: 600,
    Interaction: 15 * 60,
    Session: sessionSeconds,
    Grant: sessionSeconds,
  };
}

export async function createProvider(deps: AppDeps): Promise<Provider> {
  const crypto = sensitiveColumns(deps.config);
  const keys = await loadSigningKeys(deps.db, crypto);
  const base = deps.config.publicUrl;
  const configuration: Configuration = {
    adapter: pgAdapterFactory(deps.db, crypto),
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        client_secret: webClientSecret(deps),
        client_name: '通办管理后台与办事大厅',
        redirect_uris: [`${base}${BFF_CALLBACK_PATH}`],
        post_logout_redirect_uris: [`${base}/`, `${base}/admin/`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'openid profile',
      },
    ],
    jwks: { keys },
    cookies: {
      keys: [...deps.config.sso.cookieKeys],
      names: { session: 'tb_op_session', interaction: 'tb_op_interaction', resume: 'tb_op_resume' },
      long: { signed: true, httpOnly: true, sameSite: 'lax' },
      short: { signed: true, httpOnly: true, sameSite: 'lax' },
    },
    findAccount: (_ctx, sub) => findAccount(deps, sub),
    loadExistingGrant: implicitGrant,
    scopes: ['openid', 'profile', ...Object.keys(MACHINE_SCOPES)],
    claims: { openid: ['sub', 'tb_kind'], profile: ['name', 'preferred_username'] },
    responseTypes: ['code'],
    // tb_tab=applicant opens the 群众/企业 tab of the sign-in page (the portal's "我的" links use it).
    extraParams: ['tb_tab'],
    pkce: { required: () => true },
    interactions: { url: (_ctx, interaction) => `${OIDC_PREFIX}/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutConfirmPage, postLogoutSuccessSource: signedOutPage },
    },
    ttl: ttlConfig(deps),
    renderError: oidcErrorPage,
  };
  const provider = new Provider(issuerOf(deps), configuration);
  // Behind a reverse proxy (TLS terminated there) the provider must see the original scheme and host.
  provider.proxy = Boolean(deps.config.security.trustProxy);
  return provider;
}
