// Every migration, in order. Migrations import no app code and are never edited once landed.
import type { Migration } from 'kysely';
import * as m0001 from './0001_create_orgs_and_users.js';
import * as m0002 from './0002_create_catalog.js';

export const migrations: Record<string, Migration> = {
  '0001_create_orgs_and_users': m0001,
  '0002_create_catalog': m0002,
};
