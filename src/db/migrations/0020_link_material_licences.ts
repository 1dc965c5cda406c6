import { sql, type Kysely } from 'kysely';

// Applications use held licences (Art. 10(四), Art. 20): a case material the platform took from an
// electronic licence it holds for the applicant records which licence (version) stood for it.
// Only a material obtained by sharing can name a licence.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_materials add column licence_id text references licences(id)`.execute(db);
  await sql`alter table case_materials add constraint case_materials_licence_is_sharing check (licence_id is null or source = 'sharing')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table case_materials drop constraint if exists case_materials_licence_is_sharing`.execute(db);
  await sql`alter table case_materials drop column if exists licence_id`.execute(db);
}
