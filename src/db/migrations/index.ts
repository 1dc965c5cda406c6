// Every migration, in order. Migrations import no app code and are never edited once landed.
import type { Migration } from 'kysely';
import * as m0001 from './0001_create_orgs_and_users.js';
import * as m0002 from './0002_create_catalog.js';
import * as m0003 from './0003_guard_guide_versions.js';
import * as m0004 from './0004_create_search.js';
import * as m0005 from './0005_create_import_jobs.js';
import * as m0006 from './0006_create_holiday_years.js';
import * as m0007 from './0007_chain_audit_log.js';
import * as m0009 from './0009_create_oidc.js';
import * as m0010 from './0010_create_applicants.js';
import * as m0011 from './0011_add_user_window_code.js';
import * as m0012 from './0012_harden_sign_in.js';
import * as m0013 from './0013_create_attachments.js';
import * as m0014 from './0014_speed_up_search_grams.js';
import * as m0015 from './0015_create_cases.js';
import * as m0016 from './0016_create_outbox_and_timers.js';
import * as m0017 from './0017_create_seals_and_documents.js';
import * as m0019 from './0019_link_notice_documents.js';
import * as m0018 from './0018_create_licences.js';
import * as m0020 from './0020_link_material_licences.js';
import * as m0021 from './0021_chain_audit_log_afterwards.js';

export const migrations: Record<string, Migration> = {
  '0001_create_orgs_and_users': m0001,
  '0002_create_catalog': m0002,
  '0003_guard_guide_versions': m0003,
  '0004_create_search': m0004,
  '0005_create_import_jobs': m0005,
  '0006_create_holiday_years': m0006,
  '0007_chain_audit_log': m0007,
  '0009_create_oidc': m0009,
  '0010_create_applicants': m0010,
  '0011_add_user_window_code': m0011,
  '0012_harden_sign_in': m0012,
  '0013_create_attachments': m0013,
  '0014_speed_up_search_grams': m0014,
  '0015_create_cases': m0015,
  '0016_create_outbox_and_timers': m0016,
  '0017_create_seals_and_documents': m0017,
  '0018_create_licences': m0018,
  '0019_link_notice_documents': m0019,
  '0020_link_material_licences': m0020,
  '0021_chain_audit_log_afterwards': m0021,
};
