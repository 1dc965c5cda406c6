// Every migration, in order. Migrations import no app code and are never edited once landed.
import type { Migration } from 'kysely';
import * as m0001 from './0001_create_orgs_and_users.js';
import * as m0002 from './0002_create_catalog.js';
import * as m0003 from './0003_guard_guide_versions.js';
import * as m0004 from './0004_create_search.js';
import * as m0005 from './0005_create_import_jobs.js';
import * as m0006 from './0006_create_holiday_years.js';

export const migrations: Record<string, Migration> = {
  '0001_create_orgs_and_users': m0001,
  '0002_create_catalog': m0002,
  '0003_guard_guide_versions': m0003,
  '0004_create_search': m0004,
  '0005_create_import_jobs': m0005,
  '0006_create_holiday_years': m0006,
};
