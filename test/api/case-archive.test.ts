// A finished case exported as one archive package (issue 6 "Archive"): every sealed document as
// issued, every file received, the case record with its history, the case's audit records with their
// chain fields, the seals' public keys, and a manifest of SM3 hashes signed with the organization's
// seal — checkable offline. Open cases are refused (409), other organizations see nothing (404).
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyArchive } from '../../src/modules/archive/verify.js';
import { sm3Hex, verifyDigest } from '../../src/modules/seals/crypto.js';
import { deliveredCase, exportArchive, type DeliveredCase } from '../archive-fixture.js';
import { DEFAULT_LICENCE_TYPES } from '../../src/modules/catalog/licence-types.js';
import { act, caseGuideContent, createCaseTestApp, makeCaseWorld, submitAtWindow, type CaseTestApp, type CaseWorld } from '../case-fixture.js';

const FOOD_LICENCE = DEFAULT_LICENCE_TYPES.find((t) => t.name === '食品经营许可证')!;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

let t: CaseTestApp;
let world: CaseWorld;
let delivered: DeliveredCase;

beforeAll(async () => {
  t = await createCaseTestApp();
  world = await makeCaseWorld(t.db, t.config);
  // The item's result is a licence, so the grant also issues an e-licence with its own sealed PDF.
  await t.db.insertInto('licence_types').values({ code: FOOD_LICENCE.code, name: FOOD_LICENCE.name, issuing_department: FOOD_LICENCE.issuingDepartment, shareable: true }).execute();
  await t.db
    .updateTable('guide_versions')
    .set({ content: JSON.stringify(caseGuideContent({ result: { name: '食品经营许可证', kind: 'licence', licenceTypeCode: FOOD_LICENCE.code, delivery: ['window', 'electronic'] } })) })
    .where('id', '=', world.guide.id)
    .execute();
  delivered = await deliveredCase(t, world);
}, 60_000);
afterAll(async () => t?.close());

async function unzip(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = async (path: string) => Buffer.from(await zip.file(path)!.async('uint8array'));
  const json = async (path: string): Promise<Json> => JSON.parse((await read(path)).toString('utf8'));
  return { zip, read, json, manifest: await json('manifest.json') };
}

describe('GET /api/cases/:id/archive', () => {
  it('packs every document as issued and every file received, with matching SM3, the history and the audit records; verify passes', async () => {
    const res = await exportArchive(t, world.users.clerk, delivered.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(String(res.headers['content-disposition'])).toContain(`filename*=UTF-8''${encodeURIComponent(`${delivered.caseNumber} 档案.zip`)}`);
    const pkg = await unzip(res.rawPayload);
    const { manifest } = pkg;
    expect(manifest).toMatchObject({ format: 'tongban-case-archive-v1', case: { id: delivered.id, caseNumber: delivered.caseNumber, state: 'delivered', org: { id: world.orgs.dept.id } }, personalData: 'whole' });

    // Every notice and the licence were sealed by the export (the job runner never ran): one document each.
    const notices = await t.db.selectFrom('case_notices').select(['kind', 'document_id']).where('case_id', '=', delivered.id).execute();
    expect(notices.map((n) => n.kind).sort()).toEqual(['acceptance-receipt', 'granted', 'supplement']);
    expect(notices.every((n) => n.document_id !== null)).toBe(true);
    const licence = await t.db.selectFrom('licences').select(['identifier', 'document_id']).where('case_id', '=', delivered.id).executeTakeFirstOrThrow();
    expect(licence.document_id).not.toBeNull();
    const documents = await t.db.selectFrom('documents').select(['id', 'bytes', 'digest']).where('case_id', '=', delivered.id).execute();
    const docEntries = manifest.files.filter((f: Json) => f.role === 'document');
    expect(docEntries.map((f: Json) => f.document.kind).sort()).toEqual(['case-acceptance-receipt', 'case-granted', 'case-supplement', 'licence']);
    expect(docEntries.map((f: Json) => f.document.id).sort()).toEqual(documents.map((d) => d.id).sort());
    for (const entry of docEntries) {
      const stored = documents.find((d) => d.id === entry.document.id)!;
      const bytes = await pkg.read(entry.path);
      expect(Buffer.compare(bytes, Buffer.from(stored.bytes)), entry.path).toBe(0);
      expect(entry.sm3).toBe(sm3Hex(bytes));
      expect(entry.document.issuedDigest).toBe(stored.digest);
      const seal = manifest.seals.find((s: Json) => s.id === entry.document.sealId);
      expect(verifyDigest(entry.sm3, entry.document.signature, seal.publicKey)).toBe(true);
    }

    // Every file received, byte for byte; the floor plan replaced by the supply is kept, superseded.
    const receivedEntries = manifest.files.filter((f: Json) => f.role === 'received');
    expect(receivedEntries.map((f: Json) => f.received.fileName).sort()).toEqual(Object.keys(delivered.received).sort());
    for (const entry of receivedEntries) {
      const bytes = await pkg.read(entry.path);
      expect(Buffer.compare(bytes, delivered.received[entry.received.fileName]!), entry.path).toBe(0);
      expect(entry).toMatchObject({ sm3: sm3Hex(bytes), size: bytes.length });
    }
    const firstPlan = receivedEntries.find((f: Json) => f.received.fileName === '平面图.png');
    expect(firstPlan.received.materials).toEqual([expect.objectContaining({ materialId: 'floorplan', superseded: true })]);

    // The case record and its full history.
    const record = await pkg.json('case.json');
    const actions = await t.db.selectFrom('case_actions').select(['seq', 'action']).where('case_id', '=', delivered.id).orderBy('seq').execute();
    expect(record.case).toMatchObject({ id: delivered.id, caseNumber: delivered.caseNumber, state: 'delivered' });
    expect(record.history.map((h: Json) => [h.seq, h.action])).toEqual(actions.map((a) => [a.seq, a.action]));
    expect(actions.map((a) => a.action)).toEqual(['submit', 'request-supplement', 'supply', 'accept', 'complete-review', 'grant', 'deliver']);
    expect(record.licences).toEqual([expect.objectContaining({ identifier: licence.identifier, documentId: licence.document_id, status: 'active' })]);
    // The exporter may read personal data whole: the case holds the identity number, so the package does.
    expect(JSON.stringify(record)).toContain(world.applicant.idNumber);
    expect(JSON.stringify(record)).toContain(world.applicant.phone);

    // The case's audit records with their chain fields, as in the trail (the record of this very
    // export is written when the package is signed, so it is not in it).
    const audit = await pkg.json('audit.json');
    const trail = await t.db
      .selectFrom('audit_log')
      .select(['seq', 'hash', 'prev_hash', 'action'])
      .where('object_type', '=', 'case')
      .where('object_id', '=', delivered.id)
      .where('action', '!=', 'case.archive')
      .orderBy('seq')
      .execute();
    expect(audit.map((r: Json) => [r.seq, r.prevHash, r.hash, r.action])).toEqual(trail.map((r) => [Number(r.seq), r.prev_hash, r.hash, r.action]));
    expect(audit.map((r: Json) => r.action)).toContain('case.grant');

    // The manifest's SM3 is signed by the organization's seal, and the export is in the audit trail with it.
    const signature = await pkg.json('manifest.sig.json');
    expect(signature.digest).toBe(sm3Hex(await pkg.read('manifest.json')));
    expect(manifest.seals.find((s: Json) => s.id === signature.sealId)).toMatchObject({ orgId: world.orgs.dept.id, publicKey: signature.publicKey });
    const exported = await t.db.selectFrom('audit_log').select(['actor_id', 'changes']).where('action', '=', 'case.archive').where('object_id', '=', delivered.id).execute();
    expect(exported).toEqual([expect.objectContaining({ actor_id: world.users.clerk, changes: expect.objectContaining({ manifestSm3: signature.digest }) })]);

    // Nothing in the zip that the manifest does not list.
    const inZip = Object.values(pkg.zip.files).filter((f) => !f.dir).map((f) => f.name).sort();
    expect(inZip).toEqual(['manifest.json', 'manifest.sig.json', ...manifest.files.map((f: Json) => f.path)].sort());

    const verdict = await verifyArchive(res.rawPayload);
    expect(verdict).toMatchObject({ ok: true, files: manifest.files.length, problems: [] });
  });

  it('masks personal data in the case record for an exporter who may not read it whole (a supervisor)', async () => {
    const res = await exportArchive(t, world.users.supervisor, delivered.id);
    expect(res.statusCode, res.body).toBe(200);
    const pkg = await unzip(res.rawPayload);
    expect(pkg.manifest.personalData).toBe('masked');
    const record = (await pkg.read('case.json')).toString('utf8');
    expect(record).not.toContain(world.applicant.idNumber);
    expect(record).not.toContain(world.applicant.phone);
    // The second package carries the first export's audit record (the supervisor's is not yet in it).
    const audit = await pkg.json('audit.json');
    expect(audit.filter((r: Json) => r.action === 'case.archive')).toHaveLength(1);
    expect((await verifyArchive(res.rawPayload)).ok).toBe(true);
  });

  it('refuses a case that is not finished (409) and writes no audit record', async () => {
    const open = await submitAtWindow(t, world);
    const res = await exportArchive(t, world.users.clerk, open.id);
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'case-not-finished', state: 'submitted' });
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'case.archive').where('object_id', '=', open.id).execute()).toEqual([]);

    // Decided but not yet delivered is not finished either; refused acceptance is.
    await act(t, world.users.clerk, open.id, 'accept');
    await act(t, world.users.reviewer, open.id, 'complete-review', { opinion: '符合条件' });
    await act(t, world.users.decider, open.id, 'grant', { resultForms: ['paper'] });
    expect((await exportArchive(t, world.users.clerk, open.id)).statusCode).toBe(409);

    const refused = await submitAtWindow(t, world);
    await act(t, world.users.clerk, refused.id, 'refuse-acceptance', { reasons: '不属于本机关职权范围', legalBasis: '《中华人民共和国行政许可法》第三十二条', contact: '0482-1234567' });
    const archived = await exportArchive(t, world.users.clerk, refused.id);
    expect(archived.statusCode, archived.body).toBe(200);
    const verdict = await verifyArchive(archived.rawPayload);
    expect(verdict.ok, JSON.stringify(verdict.problems)).toBe(true);
    const { manifest } = await unzip(archived.rawPayload);
    expect(manifest.files.filter((f: Json) => f.role === 'document').map((f: Json) => f.document.kind)).toEqual(['case-not-accepted']);
  });

  it('answers 404 to a clerk of another organization, and for a case that does not exist', async () => {
    const res = await exportArchive(t, world.users.outsider, delivered.id);
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('case-not-found');
    expect((await exportArchive(t, world.users.clerk, '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect(await t.db.selectFrom('audit_log').select('id').where('action', '=', 'case.archive').where('actor_id', '=', world.users.outsider).execute()).toEqual([]);
    // An applicant session is not a staff session.
    expect((await t.asApplicant(world.applicant.token, { method: 'GET', url: `/api/cases/${delivered.id}/archive` })).statusCode).toBe(401);
  });
});
