import { sql, type Kysely } from 'kysely';

// Guards of the guide workflow (Art. 12) that must hold even when two editors race:
// at most one open (draft / submitted / returned) version per implementation entry, and a
// published version always carries the date it takes effect from.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create unique index guide_versions_one_open_idx on guide_versions(implementation_id)
    where status in ('draft','submitted','returned')`.execute(db);
  await sql`alter table guide_versions add constraint guide_versions_published_dated
    check (status <> 'published' or effective_from is not null)`.execute(db);
  // The review queue (审核队列) reads submitted versions oldest first.
  await sql`create index guide_versions_submitted_idx on guide_versions(submitted_at) where status = 'submitted'`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop index if exists guide_versions_submitted_idx`.execute(db);
  await sql`alter table guide_versions drop constraint if exists guide_versions_published_dated`.execute(db);
  await sql`drop index if exists guide_versions_one_open_idx`.execute(db);
}
