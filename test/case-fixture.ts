// The world of the case tests (issue 5), shared by the CASES-APPLY, CASES-ACT and BENCH tests.
// Exports (keep them stable):
//
//   createCaseTestApp({ clock? })   → CaseTestApp: a TestApp (fresh database, injectAs(userId, …))
//                                     built with a ManualClock (default 2026-03-02 09:00 Shanghai, a
//                                     Monday) plus `config`, `clock` and asApplicant(token, options).
//   makeCaseWorld(db, config?)      → CaseWorld:
//       orgs.gov       兴安盟行政公署 (government, league)
//       orgs.office    兴安盟政务服务管理办公室 (management-office under gov: its scope is all of gov)
//       orgs.dept      兴安盟市场监督管理局 (implementing department under gov)
//       orgs.other     兴安盟人力资源和社会保障局 (another department under gov)
//       users.clerk    window-clerk of dept     users.reviewer  reviewer of dept
//       users.decider  decider of dept          users.supervisor supervisor of office
//       users.outsider window-clerk of other   users.admin     system-admin of gov (masked personal data)
//       implementation / item / guide: dept's 食品经营许可, a published guide (version 1, in force
//         since 2024-01-01) with promisedLimit 20 working days and two situations:
//           'new'    → application (申请书, applicant, required), floorplan (经营场所平面图, applicant,
//                      required), bizlicence (营业执照, sharing, required, licenceTypeCode YYZZ),
//                      lease (租赁合同, applicant, optional)
//           'change' → application, changeproof (变更证明, applicant, required), bizlicence
//       applicant      a real-name-verified person {id, name, idNumber, phone, token} (token = tb_applicant)
//       otherApplicant another verified person (another identity number)
//   makeApplicant(db, config, { verified?, kind? })  → another applicant with a session token
//   makeIdNumber()                  → a valid resident identity number of 乌兰浩特市
//   multipart(fileName, bytes)      → { payload, headers } for app.inject
//   PDF, PNG                        → small files with the right magic bytes
//   uploadAsApplicant(t, token, fileName?, bytes?) → file id      (POST /api/my/case-files)
//   uploadAsStaff(t, userId, fileName?, bytes?)    → file id      (POST /api/case-files)
//   submitOnline(t, world, overrides?)   → CaseDetail JSON (throws unless 201); uploads the two
//                                          applicant materials of situation 'new' unless overridden
//   submitAtWindow(t, world, overrides?) → CaseDetail JSON (throws unless 201); paper materials,
//                                          the world's applicant's identity unless overridden
//   submitOnlineRaw / submitAtWindowRaw  → the same, returning the raw response
//   act(t, userId, caseId, action, body?)    → CaseDetail JSON (throws unless 200): POST
//                                          /api/cases/:id/actions/:action as the staff user, with the
//                                          case's current version unless the body names one
//   actRaw(t, userId, caseId, action, body?) → the same, returning the raw response
//   readCase(t, userId, caseId)          → CaseDetail JSON (throws unless 200)  (GET /api/cases/:id)
//   caseRow(t, caseId)                   → the cases row, straight from the database
//   expectHistoryConsistent(t, caseId)   → throws unless the stored state is the one replayed from
//                                          the history, seq runs 1..n and action_count is n
//   countRows(t, table)                  → the number of rows in a table
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig, type Config } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { DB } from '../src/db/schema.js';
import { SESSION_COOKIE } from '../src/http/auth.js';
import { CSRF_COOKIE, CSRF_HEADER, csrfTokenFor } from '../src/http/security.js';
import { ManualClock, type Clock } from '../src/lib/clock.js';
import { identityCheckCharacter } from '../src/lib/identity-number.js';
import { sensitiveColumns } from '../src/lib/sm-crypto.js';
import { createApplicantSession } from '../src/modules/applicants/service.js';
import { replayState } from '../src/modules/cases/rules.js';
import type { GuideContent } from '../src/modules/catalog/guide-content.js';
import { createSession } from '../src/modules/identity/service.js';
import { guideContent, makeGuide, makeImplementation, makeImplementingOrg, makeItem, makeOrg, makeUser } from './factories.js';
import { createTestDatabase, type TestApp } from './helpers.js';

export const DEFAULT_START = '2026-03-02T09:00:00+08:00';

export const testConfig = (): Config => ({ ...loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' }), seedDemo: false });

export interface CaseTestApp extends TestApp {
  app: FastifyInstance;
  config: Config;
  clock: ManualClock;
  /** Injects a request with an applicant's session cookie (tb_applicant) and its CSRF token. */
  asApplicant(token: string, options: InjectOptions): Promise<LightMyRequestResponse>;
}

/** A test app over a fresh database whose clock the test moves (ManualClock). */
export async function createCaseTestApp(options: { clock?: ManualClock; config?: Config } = {}): Promise<CaseTestApp> {
  const database = await createTestDatabase();
  const config = options.config ?? testConfig();
  const clock = options.clock ?? new ManualClock(DEFAULT_START);
  const app = await buildApp({ db: database.db, config, clock: clock as Clock });
  await app.ready();
  const tokens = new Map<string, string>();
  return {
    app,
    db: database.db,
    kind: database.kind,
    config,
    clock,
    async injectAs(userId, opts) {
      let token = tokens.get(userId);
      if (!token) {
        token = await createSession(database.db, userId);
        tokens.set(userId, token);
      }
      const csrf = csrfTokenFor(token);
      return app.inject({ ...opts, headers: { [CSRF_HEADER]: csrf, ...(opts.headers ?? {}) }, cookies: { [CSRF_COOKIE]: csrf, ...(opts.cookies ?? {}), [SESSION_COOKIE]: token } });
    },
    asApplicant(token, opts) {
      return app.inject({ ...opts, headers: { [CSRF_HEADER]: csrfTokenFor(token), ...(opts.headers ?? {}) }, cookies: { ...(opts.cookies ?? {}), tb_applicant: token } });
    },
    async close() {
      await app.close();
      await database.dispose();
    },
  };
}

/** A valid 18-character resident identity number issued in 乌兰浩特市 (152201). */
export function makeIdNumber(): string {
  const year = 1960 + Math.floor(Math.random() * 40);
  const month = String(1 + Math.floor(Math.random() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(Math.random() * 28)).padStart(2, '0');
  const seq = String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  const first17 = `152201${year}${month}${day}${seq}`;
  return `${first17}${identityCheckCharacter(first17)}`;
}

export interface TestApplicant {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
  /** The tb_applicant session token. */
  token: string;
}

/** An applicant account (real-name verified unless `verified: false`) with an open session. */
export async function makeApplicant(db: Database, config: Config = testConfig(), options: { verified?: boolean; name?: string } = {}): Promise<TestApplicant> {
  const columns = sensitiveColumns(config);
  const id = randomUUID();
  const idNumber = makeIdNumber();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  const name = options.name ?? `申请人${id.slice(0, 4)}`;
  const verified = options.verified ?? true;
  const now = new Date();
  await db
    .insertInto('applicants')
    .values({
      id,
      kind: verified ? 'person' : null,
      name: verified ? name : null,
      id_number_enc: verified ? columns.encrypt(idNumber, 'applicants.id_number') : null,
      id_number_hash: verified ? columns.hash(idNumber) : null,
      phone_enc: columns.encrypt(phone, 'applicants.phone'),
      phone_hash: columns.hash(phone),
      real_name_verified_at: verified ? now : null,
      real_name_provider: verified ? 'test' : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const token = await createApplicantSession({ db, config }, id);
  return { id, name, idNumber, phone, token };
}

const material = (m: Partial<GuideContent['materials'][number]> & { id: string; name: string }): GuideContent['materials'][number] => ({
  forms: ['original'],
  copies: 1,
  spec: 'A4',
  required: true,
  isForm: false,
  source: 'applicant',
  legalBasis: '《食品经营许可和备案管理办法》第十二条',
  ...m,
});

/** The fixture guide: two situations, applicant and sharing materials, 20 working days promised. */
export function caseGuideContent(overrides: Partial<GuideContent> = {}): GuideContent {
  return guideContent({
    itemName: '食品经营许可',
    implementingBody: '兴安盟市场监督管理局',
    legalLimit: { days: 20, unit: 'working-day' },
    promisedLimit: { days: 20, unit: 'working-day' },
    materials: [
      material({
        id: 'application',
        name: '食品经营许可申请书',
        isForm: true,
        blankForm: { title: '申请书（空表）', url: 'https://example.gov.cn/forms/blank.pdf' },
        sampleForm: { title: '申请书（样表）', url: 'https://example.gov.cn/forms/sample.pdf' },
      }),
      material({ id: 'floorplan', name: '经营场所平面布局图' }),
      material({ id: 'bizlicence', name: '营业执照', forms: ['electronic'], copies: 0, spec: '', source: 'sharing', licenceTypeCode: 'YYZZ' }),
      material({ id: 'lease', name: '经营场所租赁合同', required: false, forms: ['copy'] }),
      material({ id: 'changeproof', name: '变更事项证明材料', forms: ['copy'] }),
    ],
    situations: [
      { id: 'new', name: '新办', materialIds: ['application', 'floorplan', 'bizlicence', 'lease'] },
      { id: 'change', name: '变更', materialIds: ['application', 'changeproof', 'bizlicence'] },
    ],
    process: [
      { id: 's1', name: '受理', responsibleUnit: '综合受理窗口', timeLimit: { days: 1, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: ['application'], legalBasis: '《中华人民共和国行政许可法》第三十二条' },
      { id: 's2', name: '审查', responsibleUnit: '食品经营许可科', timeLimit: { days: 14, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: [], legalBasis: '《中华人民共和国行政许可法》第三十四条' },
      { id: 's3', name: '决定', responsibleUnit: '分管局领导', timeLimit: { days: 5, unit: 'working-day' }, countsTowardLimit: true, onSite: false, materialIds: [], legalBasis: '《中华人民共和国行政许可法》第三十七条' },
    ],
    ...overrides,
  });
}

export async function makeCaseWorld(db: Database, config: Config = testConfig()) {
  const gov = await makeImplementingOrg(db, { kind: 'government', name: '兴安盟行政公署' });
  const office = await makeOrg(db, { kind: 'management-office', parentId: gov.id, name: '兴安盟政务服务管理办公室' });
  const dept = await makeImplementingOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟市场监督管理局' });
  const other = await makeImplementingOrg(db, { kind: 'department', parentId: gov.id, name: '兴安盟人力资源和社会保障局' });
  const users = {
    clerk: (await makeUser(db, dept.id, ['window-clerk'])).id,
    reviewer: (await makeUser(db, dept.id, ['reviewer'])).id,
    decider: (await makeUser(db, dept.id, ['decider'])).id,
    supervisor: (await makeUser(db, office.id, ['supervisor'])).id,
    outsider: (await makeUser(db, other.id, ['window-clerk'])).id,
    admin: (await makeUser(db, gov.id, ['system-admin'])).id,
  };
  const item = await makeItem(db, { name: '食品经营许可' });
  const implementation = await makeImplementation(db, { itemId: item.id, orgId: dept.id });
  const guide = await makeGuide(db, { implementationId: implementation.id, content: caseGuideContent(), effectiveFrom: '2024-01-01' });
  const applicant = await makeApplicant(db, config, { name: '张三明' });
  const otherApplicant = await makeApplicant(db, config, { name: '李四' });
  return { config, orgs: { gov, office, dept, other }, users, item, implementation, guide, applicant, otherApplicant };
}
export type CaseWorld = Awaited<ReturnType<typeof makeCaseWorld>>;

// ——— files and submissions ———

export const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
export const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);

export function multipart(fileName: string, bytes: Buffer) {
  const boundary = '----tongbancaseboundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { payload: Buffer.concat([head, bytes, tail]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function expectStatus(res: LightMyRequestResponse, status: number, what: string) {
  if (res.statusCode !== status) throw new Error(`${what}: expected ${status}, got ${res.statusCode} ${res.body}`);
}

export async function uploadAsApplicant(t: CaseTestApp, token: string, fileName = '材料.pdf', bytes: Buffer = PDF): Promise<string> {
  const res = await t.asApplicant(token, { method: 'POST', url: '/api/my/case-files', ...multipart(fileName, bytes) });
  expectStatus(res, 201, 'upload as applicant');
  return res.json().id;
}

export async function uploadAsStaff(t: CaseTestApp, userId: string, fileName = '材料.pdf', bytes: Buffer = PDF): Promise<string> {
  const res = await t.injectAs(userId, { method: 'POST', url: '/api/case-files', ...multipart(fileName, bytes) });
  expectStatus(res, 201, 'upload as staff');
  return res.json().id;
}

export interface OnlineOverrides {
  /** Whose session submits (default world.applicant). */
  applicant?: TestApplicant;
  implementationId?: string;
  situationId?: string | null;
  /** Replaces the uploaded materials entirely. */
  materials?: Array<{ materialId: string; fileId?: string; reuseMaterialId?: string; paper?: boolean }>;
  email?: string;
  renewal?: { licenceNumber: string; expiresOn: string };
}

export async function submitOnlineRaw(t: CaseTestApp, world: CaseWorld, overrides: OnlineOverrides = {}): Promise<LightMyRequestResponse> {
  const applicant = overrides.applicant ?? world.applicant;
  const materials =
    overrides.materials ??
    [
      { materialId: 'application', fileId: await uploadAsApplicant(t, applicant.token, '申请书.pdf') },
      { materialId: 'floorplan', fileId: await uploadAsApplicant(t, applicant.token, '平面图.png', PNG) },
    ];
  const payload: Record<string, unknown> = {
    implementationId: overrides.implementationId ?? world.implementation.id,
    materials,
    email: overrides.email ?? 'applicant@example.com',
  };
  const situationId = overrides.situationId === undefined ? 'new' : overrides.situationId;
  if (situationId !== null) payload.situationId = situationId;
  if (overrides.renewal) payload.renewal = overrides.renewal;
  return t.asApplicant(applicant.token, { method: 'POST', url: '/api/my/applications', payload });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function submitOnline(t: CaseTestApp, world: CaseWorld, overrides: OnlineOverrides = {}): Promise<any> {
  const res = await submitOnlineRaw(t, world, overrides);
  expectStatus(res, 201, 'submit online');
  return res.json();
}

export interface WindowOverrides {
  /** Which clerk enters it (default world.users.clerk). */
  clerk?: string;
  implementationId?: string;
  situationId?: string | null;
  applicant?: { kind: 'person' | 'enterprise'; name: string; idNumber?: string; creditCode?: string; phone?: string; email?: string };
  materials?: Array<{ materialId: string; fileId?: string; reuseMaterialId?: string; paper?: boolean }>;
  renewal?: { licenceNumber: string; expiresOn: string };
}

export async function submitAtWindowRaw(t: CaseTestApp, world: CaseWorld, overrides: WindowOverrides = {}): Promise<LightMyRequestResponse> {
  const payload: Record<string, unknown> = {
    implementationId: overrides.implementationId ?? world.implementation.id,
    applicant: overrides.applicant ?? { kind: 'person', name: world.applicant.name, idNumber: world.applicant.idNumber, phone: world.applicant.phone, email: 'window@example.com' },
    materials: overrides.materials ?? [
      { materialId: 'application', paper: true },
      { materialId: 'floorplan', paper: true },
    ],
  };
  const situationId = overrides.situationId === undefined ? 'new' : overrides.situationId;
  if (situationId !== null) payload.situationId = situationId;
  if (overrides.renewal) payload.renewal = overrides.renewal;
  return t.injectAs(overrides.clerk ?? world.users.clerk, { method: 'POST', url: '/api/cases', payload });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function submitAtWindow(t: CaseTestApp, world: CaseWorld, overrides: WindowOverrides = {}): Promise<any> {
  const res = await submitAtWindowRaw(t, world, overrides);
  expectStatus(res, 201, 'submit at window');
  return res.json();
}

// ——— actions and reads ———
// These throw rather than call vitest's expect: the fixture also runs outside vitest
// (test/crash/seed-world.ts, bench/).

export async function actRaw(t: CaseTestApp, userId: string, caseId: string, action: string, body: Record<string, unknown> = {}): Promise<LightMyRequestResponse> {
  const version = body.version ?? (await t.db.selectFrom('cases').select('version').where('id', '=', caseId).executeTakeFirstOrThrow()).version;
  return t.injectAs(userId, { method: 'POST', url: `/api/cases/${caseId}/actions/${action}`, payload: { ...body, version } });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function act(t: CaseTestApp, userId: string, caseId: string, action: string, body: Record<string, unknown> = {}): Promise<any> {
  const res = await actRaw(t, userId, caseId, action, body);
  expectStatus(res, 200, action);
  return res.json();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function readCase(t: CaseTestApp, userId: string, caseId: string): Promise<any> {
  const res = await t.injectAs(userId, { method: 'GET', url: `/api/cases/${caseId}` });
  expectStatus(res, 200, 'read case');
  return res.json();
}

export function caseRow(t: CaseTestApp, caseId: string) {
  return t.db.selectFrom('cases').selectAll().where('id', '=', caseId).executeTakeFirstOrThrow();
}

/** The stored state must be the one replayed from the append-only history, which has no gaps. */
export async function expectHistoryConsistent(t: CaseTestApp, caseId: string): Promise<void> {
  const history = await t.db.selectFrom('case_actions').selectAll().where('case_id', '=', caseId).orderBy('seq').execute();
  const row = await caseRow(t, caseId);
  const replayed = replayState(history);
  if (replayed !== row.state) throw new Error(`case ${caseId}: stored state ${row.state}, replayed from the history ${replayed}`);
  const seqs = history.map((h) => h.seq);
  if (seqs.some((seq, i) => seq !== i + 1)) throw new Error(`case ${caseId}: history seq ${seqs.join(',')} does not run 1..${history.length}`);
  if (row.action_count !== history.length) throw new Error(`case ${caseId}: action_count ${row.action_count}, history has ${history.length}`);
}

export async function countRows(t: CaseTestApp, table: keyof DB): Promise<number> {
  return Number((await t.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
}
