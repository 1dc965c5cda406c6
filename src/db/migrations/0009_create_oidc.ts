import { sql, type Kysely } from 'kysely';

// Single sign-on (统一身份认证, Art. 22): the OpenID Connect provider's stored artefacts, its signing
// keys, the department systems' machine clients, links to an upstream (provincial) identity platform,
// and staff TOTP second factors.
export async function up(db: Kysely<any>): Promise<void> {
  // Sessions, grants, codes, tokens, interactions … of oidc-provider, one row per artefact. `id` is the
  // SHA-256 of the artefact's id so that a copy of this table holds no usable bearer token.
  await sql`create table oidc_payloads (
    id text not null,
    type text not null,
    payload jsonb not null,
    grant_id text,
    user_code text,
    uid text,
    expires_at timestamptz,
    consumed_at timestamptz,
    primary key (id, type)
  )`.execute(db);
  await sql`create index oidc_payloads_grant_idx on oidc_payloads(grant_id) where grant_id is not null`.execute(db);
  await sql`create index oidc_payloads_uid_idx on oidc_payloads(uid) where uid is not null`.execute(db);
  await sql`create index oidc_payloads_user_code_idx on oidc_payloads(user_code) where user_code is not null`.execute(db);
  await sql`create index oidc_payloads_expires_idx on oidc_payloads(expires_at)`.execute(db);

  // Signing keys (JWKS): generated on first start; the private half is stored encrypted (SM4).
  await sql`create table oidc_signing_keys (
    kid text primary key,
    alg text not null,
    public_jwk jsonb not null,
    private_jwk_enc text not null,
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`.execute(db);

  // Department systems (部门业务系统) calling the platform with OAuth2 client credentials.
  await sql`create table machine_clients (
    client_id text primary key,
    name text not null,
    org_id text not null references orgs(id),
    secret_enc text not null,
    scopes text[] not null default '{}',
    active boolean not null default true,
    created_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index machine_clients_org_idx on machine_clients(org_id)`.execute(db);

  // A subject of a trusted upstream provider (自治区政务服务统一身份认证平台) linked to a staff account.
  await sql`create table upstream_links (
    issuer text not null,
    subject text not null,
    user_id text not null references users(id),
    created_at timestamptz not null default now(),
    primary key (issuer, subject)
  )`.execute(db);
  await sql`create index upstream_links_user_idx on upstream_links(user_id)`.execute(db);

  // TOTP second factor (RFC 6238) of a staff account; last_step refuses a replayed code.
  await sql`create table staff_totp (
    user_id text primary key references users(id),
    secret_enc text not null,
    enabled boolean not null default false,
    last_step bigint,
    created_at timestamptz not null default now(),
    enabled_at timestamptz
  )`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['staff_totp', 'upstream_links', 'machine_clients', 'oidc_signing_keys', 'oidc_payloads']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
