// Kysely's view of the tables. Each migration that adds a table adds its interface here.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { GuideContent, GuideTotals } from '../modules/catalog/guide-content.js';
import type { YearData } from '../lib/calendar/year-data.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface DivisionsTable {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county' | 'township' | 'village';
  parent_code: string | null;
}

export type OrgKind = 'government' | 'management-office' | 'department' | 'center' | 'township' | 'service-point';
export type Level = 'league' | 'county' | 'township' | 'village';

export interface OrgsTable {
  id: string;
  code: string;
  name: string;
  short_name: string | null;
  kind: OrgKind;
  level: Level;
  division_code: string;
  parent_id: string | null;
  path: string;
  credit_code: string | null;
  phone: string | null;
  address: string | null;
  created_at: Timestamp;
}

export interface UsersTable {
  id: string;
  username: string;
  display_name: string;
  password_hash: string;
  org_id: string;
  roles: string[];
  active: Generated<boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: Timestamp;
  actor_id: string | null;
  actor_role: string | null;
  actor_org_id: string | null;
  action: string;
  object_type: string;
  object_id: string;
  ip: string | null;
  changes: JSONColumnType<Record<string, unknown>, string | undefined, string>;
}

export interface LicenceTypesTable {
  code: string;
  name: string;
  issuing_department: string;
  shareable: boolean;
}

export type ItemType = 'licensing' | 'confirmation' | 'reward' | 'payment' | 'adjudication' | 'other-power' | 'public-service';

export interface CatalogItemsTable {
  id: string;
  code: string;
  name: string;
  type: ItemType;
  parent_id: string | null;
  legal_basis: JSONColumnType<string[], string | undefined, string>;
  legal_limit_days: number | null;
  description: Generated<string>;
  status: Generated<'active' | 'retired'>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ImplementationsTable {
  id: string;
  item_id: string;
  org_id: string;
  code: string;
  level: Level;
  status: Generated<'active' | 'retired'>;
  created_at: Timestamp;
}

export type GuideStatus = 'draft' | 'submitted' | 'returned' | 'published';

export interface GuideVersionsTable {
  id: string;
  implementation_id: string;
  version_no: number;
  status: GuideStatus;
  content: JSONColumnType<GuideContent, string, string>;
  totals: JSONColumnType<GuideTotals, string, string>;
  effective_from: string | null;
  change_reason: Generated<string>;
  review_comment: string | null;
  created_by: string | null;
  submitted_by: string | null;
  submitted_at: Timestamp | null;
  reviewed_by: string | null;
  published_at: Timestamp | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** A derived search document (事项搜索): see migration 0004 and src/modules/search. */
export interface SearchDocumentsTable {
  implementation_id: string;
  guide_version_id: string;
  item_id: string;
  item_code: string;
  implementation_code: string;
  item_name: string;
  sub_item_name: string | null;
  item_type: ItemType;
  org_id: string;
  org_name: string;
  level: Level;
  level_rank: number;
  division_code: string;
  division_name: string;
  division_codes: string[];
  item_norm: string;
  name_norm: string;
  name_len: number;
  pinyin: string;
  initials: string;
  pinyin_alt: Generated<string>;
  keywords: Generated<string>;
  refreshed_at: Generated<Date>;
}

export interface SearchSynonymGroupsTable {
  position: number;
  terms: string[];
}

/** An admin's holiday arrangement for one year (节假日安排), overriding the shipped file: migration 0006. */
export interface HolidayYearsTable {
  year: number;
  data: JSONColumnType<YearData, string, string>;
  source: string;
  updated_by: string | null;
  updated_at: Timestamp;
}

/** A background catalog import (migration 0005): status, progress and its outcome. */
export interface ImportJobsTable {
  id: string;
  kind: Generated<string>;
  status: 'validating' | 'writing' | 'done' | 'failed';
  dry_run: boolean;
  file_name: string;
  file_format: 'json' | 'xlsx';
  total: Generated<number>;
  processed: Generated<number>;
  errors: JSONColumnType<unknown[], string | undefined, string>;
  error_count: Generated<number>;
  counts: JSONColumnType<Record<string, number> | null, string | null | undefined, string | null>;
  created_by: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  finished_at: Timestamp | null;
}

export interface DB {
  divisions: DivisionsTable;
  orgs: OrgsTable;
  users: UsersTable;
  sessions: SessionsTable;
  audit_log: AuditLogTable;
  licence_types: LicenceTypesTable;
  catalog_items: CatalogItemsTable;
  implementations: ImplementationsTable;
  guide_versions: GuideVersionsTable;
  import_jobs: ImportJobsTable;
  holiday_years: HolidayYearsTable;
  search_documents: SearchDocumentsTable;
  search_synonym_groups: SearchSynonymGroupsTable;
}
