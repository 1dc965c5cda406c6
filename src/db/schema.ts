// Kysely's view of the tables. Each migration that adds a table adds its interface here.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { GuideContent, GuideTotals } from '../modules/catalog/guide-content.js';
import type { YearData } from '../lib/calendar/year-data.js';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** A `date` column: always the string YYYY-MM-DD (the drivers are told not to make Dates of it). */
type DateColumn = string;

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
  /** The window (窗口) the account works at, e.g. "A03" (migration 0011). */
  window_code: string | null;
  /** Set when an administrator issued a one-time password: change it at the next sign-in (0011). */
  password_must_change: Generated<boolean>;
  /** Consecutive failed sign-ins; reset by a success or when the account locks (0012). */
  failed_attempts: Generated<number>;
  /** Sign-in refused until then (账户锁定) after repeated failures (0012). */
  locked_until: Timestamp | null;
  password_changed_at: Timestamp | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  /** Inactivity timeout of this session in seconds; expires_at slides by it (0012). */
  idle_seconds: Generated<number>;
  /** The session ends then however active it is (0012). */
  absolute_expires_at: Generated<Date>;
}

/** Retired password hashes of a user, for the no-reuse rule (0012). */
export interface PasswordHistoryTable {
  id: Generated<number>;
  user_id: string;
  password_hash: string;
  retired_at: Generated<Date>;
}

/** Sliding-window rate-limit counters by key (0012, src/modules/identity/login-guard.ts). */
export interface RateLimitsTable {
  key: string;
  window_seconds: number;
  window_start: Timestamp;
  hits: Generated<number>;
  previous_hits: Generated<number>;
}

/** The pending one-time token for creating the first administrator in production (0012). */
export interface SetupTokensTable {
  id: number;
  token_hash: string;
  created_at: Generated<Date>;
  used_at: Timestamp | null;
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
  /**
   * Position in the hash chain, gap-free from 1 (migration 0007, src/modules/audit/chain.ts); null
   * while the record waits for the chainer (migration 0021, src/modules/audit/chainer.ts).
   */
  seq: number | null;
  prev_hash: string | null;
  /** Hex SM3 of the record's canonical content and prev_hash (null while pending). */
  hash: string | null;
  /** The organization the object belongs to, when known: auditors see records of their scope. */
  org_id: string | null;
}

/** The one-row head of the audit chain, advanced by the chainer (migrations 0007, 0021). */
export interface AuditHeadTable {
  id: number;
  last_seq: number;
  last_hash: string;
  updated_at: Timestamp;
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

export interface AttachmentsTable {
  id: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by: string | null;
  org_id: string | null;
  created_at: Timestamp;
}

/** Applicants (办事人) and their phone sign-in: migration 0010, src/modules/applicants. */
export interface ApplicantsTable {
  id: string;
  kind: 'person' | 'enterprise' | null;
  name: string | null;
  id_number_enc: string | null;
  id_number_hash: string | null;
  credit_code: string | null;
  credit_code_hash: string | null;
  phone_enc: string;
  phone_hash: string;
  address_enc: string | null;
  real_name_verified_at: Timestamp | null;
  real_name_provider: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface LoginCodesTable {
  id: string;
  phone_hash: string;
  code_hash: string;
  expires_at: Timestamp;
  attempts: Generated<number>;
  consumed_at: Timestamp | null;
  ip: string | null;
  created_at: Timestamp;
}

export interface SmsOutboxTable {
  id: string;
  phone_enc: string;
  phone_hash: string;
  template: string;
  body: string;
  status: 'held' | 'sent' | 'failed';
  created_at: Timestamp;
}

export interface ApplicantSessionsTable {
  id: string;
  applicant_id: string;
  method: Generated<string>;
  created_at: Timestamp;
  last_seen_at: Timestamp;
  expires_at: Timestamp;
  revoked_at: Timestamp | null;
}

/** Single sign-on (统一身份认证): migration 0009, src/modules/oidc. */
export interface OidcPayloadsTable {
  id: string;
  type: string;
  payload: JSONColumnType<Record<string, unknown>, string, string>;
  grant_id: string | null;
  user_code: string | null;
  uid: string | null;
  expires_at: Timestamp | null;
  consumed_at: Timestamp | null;
}

export interface OidcSigningKeysTable {
  kid: string;
  alg: string;
  public_jwk: JSONColumnType<Record<string, unknown>, string, string>;
  private_jwk_enc: string;
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface MachineClientsTable {
  client_id: string;
  name: string;
  org_id: string;
  secret_enc: string;
  scopes: string[];
  active: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface UpstreamLinksTable {
  issuer: string;
  subject: string;
  user_id: string;
  created_at: Generated<Date>;
}

export interface StaffTotpTable {
  user_id: string;
  secret_enc: string;
  enabled: Generated<boolean>;
  last_step: number | null;
  created_at: Generated<Date>;
  enabled_at: Timestamp | null;
}

/** Case handling (Art. 13–21): migration 0015, src/modules/cases. Dates (…_on) are 'YYYY-MM-DD' in Asia/Shanghai. */
export interface CasesTable {
  id: string;
  case_number: string;
  item_id: string;
  implementation_id: string;
  guide_version_id: string;
  org_id: string;
  channel: 'online' | 'window';
  applicant_id: string | null;
  applicant_kind: 'person' | 'enterprise';
  applicant_name: string;
  applicant_id_enc: string;
  applicant_id_hash: string;
  phone_enc: string | null;
  email_enc: string | null;
  situation_id: string | null;
  state: string;
  submitted_at: Timestamp;
  submitted_on: DateColumn;
  acceptance_due_on: DateColumn;
  acceptance_overdue_at: Timestamp | null;
  accepted_at: Timestamp | null;
  accepted_on: DateColumn | null;
  promised_days: number;
  promised_unit: 'working-day' | 'calendar-day';
  extension_days: Generated<number>;
  paused_since: DateColumn | null;
  due_on: DateColumn | null;
  supplement_deadline_on: DateColumn | null;
  tolerant_deadline_on: DateColumn | null;
  decision: 'granted' | 'refused' | 'deemed-granted' | null;
  decided_at: Timestamp | null;
  ended_at: Timestamp | null;
  end_reason: string | null;
  is_renewal: Generated<boolean>;
  licence_number: string | null;
  licence_expires_on: DateColumn | null;
  delivery_method: 'window' | 'electronic' | 'mail' | null;
  delivered_at: Timestamp | null;
  action_count: Generated<number>;
  version: Generated<number>;
  created_by: string | null;
  updated_at: Timestamp;
}

export interface CaseActionsTable {
  case_id: string;
  seq: number;
  action: string;
  from_state: string | null;
  to_state: string;
  actor_kind: 'staff' | 'applicant' | 'system' | 'machine';
  actor_id: string | null;
  actor_name: string | null;
  actor_roles: string | null;
  actor_org_id: string | null;
  guide_version_id: string;
  details: JSONColumnType<Record<string, unknown>, string, string>;
  at: Timestamp;
}

export interface CaseFilesTable {
  id: string;
  holder_hash: string;
  file_name: string;
  content_type: string;
  size: number;
  sha256: string;
  bytes: Uint8Array;
  uploaded_by_kind: 'applicant' | 'staff';
  uploaded_by: string | null;
  created_at: Timestamp;
}

export interface CaseMaterialsTable {
  id: string;
  case_id: string;
  material_id: string;
  name: string;
  source: 'upload' | 'reuse' | 'sharing' | 'paper';
  file_id: string | null;
  reused_from_case_id: string | null;
  /** The e-licence the platform holds that stood for this material (source 'sharing'; 0020). */
  licence_id: string | null;
  status: 'submitted' | 'accepted' | 'to-correct';
  note: string | null;
  superseded_at: Timestamp | null;
  created_at: Timestamp;
}

export interface CasePausesTable {
  id: string;
  case_id: string;
  kind: string;
  reason: string;
  started_on: DateColumn;
  ended_on: DateColumn | null;
  started_by: string | null;
  ended_by: string | null;
  created_at: Timestamp;
}

export interface CaseExtensionsTable {
  id: string;
  case_id: string;
  days: number;
  reason: string;
  granted_on: DateColumn;
  granted_by: string | null;
  created_at: Timestamp;
}

export interface CaseNoticesTable {
  id: string;
  case_id: string;
  kind: string;
  number: string;
  content: JSONColumnType<Record<string, unknown>, string, string>;
  deadline_on: DateColumn | null;
  issued_by: string | null;
  /** The sealed document issued for it (migration 0019); null until sealed. */
  document_id: string | null;
  created_at: Timestamp;
}

export interface ConsultationsTable {
  id: string;
  channel: 'window' | 'phone' | 'online' | 'letter';
  org_id: string;
  item_id: string | null;
  responder_id: string | null;
  asker_name: string | null;
  asker_contact_enc: string | null;
  question: string;
  answer: string | null;
  answered_at: Timestamp | null;
  case_id: string | null;
  created_at: Timestamp;
}

/** Outbox, templates and timers: migration 0016, src/modules/outbox and src/modules/jobs. */
export type MessageChannel = 'portal' | 'email' | 'sms';
export type DeliveryStatus = 'created' | 'sending' | 'delivered' | 'temporary-failure' | 'permanent-failure';

export interface MessageTemplatesTable {
  key: string;
  channel: MessageChannel;
  version: number;
  subject: Generated<string>;
  body: string;
  note: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface OutboxMessagesTable {
  id: string;
  dedupe_key: string;
  channel: MessageChannel;
  template_key: string;
  template_version: number;
  recipient_enc: string | null;
  applicant_id: string | null;
  case_id: string | null;
  subject: Generated<string>;
  body: string;
  status: DeliveryStatus;
  attempts: Generated<number>;
  next_attempt_at: Timestamp;
  locked_until: Timestamp | null;
  last_error: string | null;
  provider: string | null;
  provider_ref: string | null;
  created_at: Timestamp;
  updated_at: Timestamp;
  delivered_at: Timestamp | null;
}

export interface TimersTable {
  kind: string;
  subject_id: string;
  due_at: Timestamp;
  payload: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  status: Generated<'pending' | 'fired' | 'cancelled' | 'failed'>;
  attempts: Generated<number>;
  last_error: string | null;
  fired_at: Timestamp | null;
  created_at: Timestamp;
}

/** Electronic seals and sealed documents: migration 0017, src/modules/seals and src/modules/documents. */
export type SealKind = '公章' | '行政审批专用章' | '业务专用章';
export type SealStatus = 'active' | 'suspended' | 'revoked';

export interface SealsTable {
  id: string;
  org_id: string;
  kind: SealKind;
  name: string;
  public_key: string;
  /** SM4-encrypted SM2 private key (sensitiveColumns): never selected except to sign. */
  private_key_enc: string;
  status: Generated<SealStatus>;
  status_reason: string | null;
  status_changed_at: Timestamp | null;
  status_changed_by: string | null;
  status_changed_by_name: string | null;
  created_by: string | null;
  created_at: Timestamp;
}

export interface SealEventsTable {
  seal_id: string;
  seq: number;
  action: 'created' | 'suspended' | 'resumed' | 'revoked';
  status: SealStatus;
  reason: string | null;
  actor_id: string | null;
  actor_name: string | null;
  at: Timestamp;
}

export interface DocumentsTable {
  id: string;
  kind: string;
  case_id: string | null;
  org_id: string;
  number: string;
  title: string;
  issued_on: DateColumn;
  file_name: string;
  size: number;
  bytes: Uint8Array;
  /** SM3 of bytes, hex. */
  digest: string;
  /** SM2 signature (DER, hex) over the 32-byte digest. */
  signature: string;
  seal_id: string;
  signed_by: string | null;
  signed_by_name: string | null;
  signed_at: Timestamp;
}

/** Electronic licences (电子证照, Art. 27): migration 0018, src/modules/licences. */
export type LicenceStatus = 'active' | 'cancelled' | 'expired' | 'revoked';

export interface LicencesTable {
  id: string;
  licence_type_code: string;
  issuer_org_id: string;
  issuer_credit_code: string;
  issuer_name: string;
  licence_number: string;
  version: number;
  identifier: string;
  holder_kind: 'person' | 'enterprise';
  holder_id_enc: string;
  holder_hash: string;
  holder_name: string;
  valid_from: DateColumn;
  valid_until: DateColumn | null;
  status: Generated<LicenceStatus>;
  status_reason: string | null;
  status_changed_at: Timestamp | null;
  status_changed_by: string | null;
  is_current: Generated<boolean>;
  previous_id: string | null;
  case_id: string | null;
  document_id: string | null;
  data: JSONColumnType<Record<string, unknown>, string | undefined, string>;
  issued_at: Timestamp;
  issued_by: string | null;
}

export interface LicenceEventsTable {
  licence_id: string;
  seq: number;
  action: 'issue' | 'reissue' | 'supersede' | 'cancel' | 'revoke' | 'expire' | 'attach-document';
  from_status: LicenceStatus | null;
  to_status: LicenceStatus;
  reason: string | null;
  actor_kind: 'staff' | 'machine' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  at: Timestamp;
}

export interface LicenceNumberCountersTable {
  issuer_credit_code: string;
  licence_type_code: string;
  year: number;
  last: number;
}

export interface LicenceShareGrantsTable {
  client_id: string;
  licence_type_code: string;
  granted_by: string | null;
  granted_at: Timestamp;
}

export interface LicenceAccessLogTable {
  id: string;
  client_id: string;
  client_name: string;
  client_org_id: string | null;
  client_org_name: string | null;
  holder_hash: string;
  requested_types: string[];
  granted_types: string[];
  licence_ids: Generated<string[]>;
  purpose: string;
  case_number: string;
  result: 'granted' | 'partial' | 'refused';
  reason: string | null;
  ip: string | null;
  at: Timestamp;
}

export interface DB {
  divisions: DivisionsTable;
  orgs: OrgsTable;
  users: UsersTable;
  oidc_payloads: OidcPayloadsTable;
  oidc_signing_keys: OidcSigningKeysTable;
  machine_clients: MachineClientsTable;
  upstream_links: UpstreamLinksTable;
  staff_totp: StaffTotpTable;
  sessions: SessionsTable;
  password_history: PasswordHistoryTable;
  rate_limits: RateLimitsTable;
  setup_tokens: SetupTokensTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  licence_types: LicenceTypesTable;
  catalog_items: CatalogItemsTable;
  implementations: ImplementationsTable;
  guide_versions: GuideVersionsTable;
  attachments: AttachmentsTable;
  import_jobs: ImportJobsTable;
  holiday_years: HolidayYearsTable;
  search_documents: SearchDocumentsTable;
  search_synonym_groups: SearchSynonymGroupsTable;
  applicants: ApplicantsTable;
  login_codes: LoginCodesTable;
  sms_outbox: SmsOutboxTable;
  applicant_sessions: ApplicantSessionsTable;
  cases: CasesTable;
  case_actions: CaseActionsTable;
  case_files: CaseFilesTable;
  case_materials: CaseMaterialsTable;
  case_pauses: CasePausesTable;
  case_extensions: CaseExtensionsTable;
  case_notices: CaseNoticesTable;
  consultations: ConsultationsTable;
  message_templates: MessageTemplatesTable;
  outbox_messages: OutboxMessagesTable;
  timers: TimersTable;
  seals: SealsTable;
  seal_events: SealEventsTable;
  documents: DocumentsTable;
  licences: LicencesTable;
  licence_events: LicenceEventsTable;
  licence_number_counters: LicenceNumberCountersTable;
  licence_share_grants: LicenceShareGrantsTable;
  licence_access_log: LicenceAccessLogTable;
}
