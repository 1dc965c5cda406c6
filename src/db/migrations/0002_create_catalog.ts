import { sql, type Kysely } from 'kysely';

// The catalog (事项目录, Art. 7): basic items (基本目录), their implementation entries per
// organization (实施清单), and the versioned guides (办事指南, Art. 9–12) of each entry.
export async function up(db: Kysely<any>): Promise<void> {
  // Licence types the e-licence library holds; a material of a shareable type must not be
  // demanded from the applicant (Art. 10(四)).
  await sql`create table licence_types (
    code text primary key,
    name text not null,
    issuing_department text not null,
    shareable boolean not null default true
  )`.execute(db);

  await sql`create table catalog_items (
    id text primary key,
    code text not null unique,
    name text not null,
    type text not null check (type in ('licensing','confirmation','reward','payment','adjudication','other-power','public-service')),
    parent_id text references catalog_items(id),
    legal_basis jsonb not null default '[]'::jsonb,
    legal_limit_days integer check (legal_limit_days is null or legal_limit_days >= 0),
    description text not null default '',
    status text not null default 'active' check (status in ('active','retired')),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create index catalog_items_parent_idx on catalog_items(parent_id)`.execute(db);

  await sql`create table implementations (
    id text primary key,
    item_id text not null references catalog_items(id),
    org_id text not null references orgs(id),
    code text not null unique,
    level text not null check (level in ('league','county','township','village')),
    status text not null default 'active' check (status in ('active','retired')),
    created_at timestamptz not null default now(),
    unique (item_id, org_id)
  )`.execute(db);
  await sql`create index implementations_org_idx on implementations(org_id)`.execute(db);

  await sql`create table guide_versions (
    id text primary key,
    implementation_id text not null references implementations(id),
    version_no integer not null,
    status text not null check (status in ('draft','submitted','returned','published')),
    content jsonb not null,
    totals jsonb not null default '{}'::jsonb,
    effective_from date,
    change_reason text not null default '',
    review_comment text,
    created_by text,
    submitted_by text,
    submitted_at timestamptz,
    reviewed_by text,
    published_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    unique (implementation_id, version_no)
  )`.execute(db);
  await sql`create index guide_versions_in_force_idx on guide_versions(implementation_id, effective_from desc) where status = 'published'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['guide_versions', 'implementations', 'catalog_items', 'licence_types']) {
    await sql`drop table if exists ${sql.table(t)}`.execute(db);
  }
}
