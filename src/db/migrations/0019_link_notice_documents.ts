import { sql, type Kysely } from 'kysely';

// Every case notice becomes a sealed document (documents table, Art. 26): the notice row keeps the
// id of the document issued for it. Null until the job runner (or the first download) seals it.
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table case_notices add column document_id text unique references documents(id)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`alter table case_notices drop column if exists document_id`.execute(db);
}
