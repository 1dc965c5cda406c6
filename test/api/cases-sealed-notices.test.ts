// Every notice a case action issues is a sealed document (Art. 26): the job runner seals it right
// after the action (or the first download does), the downloaded PDF is the one signed, and the
// public verification says it is genuine — and altered once a byte is changed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPlatformRunner } from '../../src/modules/jobs/registry.js';
import { act, createCaseTestApp, makeCaseWorld, multipart, submitAtWindow, type CaseTestApp, type CaseWorld } from '../case-fixture.js';

let t: CaseTestApp;
let world: CaseWorld;

beforeAll(async () => {
  t = await createCaseTestApp();
  world = await makeCaseWorld(t.db, t.config);
});
afterAll(async () => t?.close());

async function accept() {
  const c = await submitAtWindow(t, world);
  return act(t, world.users.clerk, c.id, 'accept');
}

const verifyUpload = (bytes: Buffer) => t.app.inject({ method: 'POST', url: '/api/public/verify', ...multipart('notice.pdf', bytes) });

describe('sealed case notices', () => {
  it('the runner seals the receipt with the organization’s seal; the download is that signed PDF and verifies as genuine', async () => {
    const accepted = await accept();
    const notice = accepted.notices.find((n: { kind: string }) => n.kind === 'acceptance-receipt');
    expect((await t.db.selectFrom('case_notices').select('document_id').where('id', '=', notice.id).executeTakeFirstOrThrow()).document_id).toBeNull();

    await createPlatformRunner(t.app.deps).runOnce();
    const row = await t.db.selectFrom('case_notices').select('document_id').where('id', '=', notice.id).executeTakeFirstOrThrow();
    expect(row.document_id).not.toBeNull();
    const doc = await t.db.selectFrom('documents').select(['org_id', 'case_id', 'digest']).where('id', '=', row.document_id!).executeTakeFirstOrThrow();
    expect(doc).toMatchObject({ org_id: world.orgs.dept.id, case_id: accepted.id });

    const pdf = await t.injectAs(world.users.clerk, { method: 'GET', url: notice.url });
    expect(pdf.statusCode).toBe(200);
    const verdict = (await verifyUpload(pdf.rawPayload)).json();
    expect(verdict).toMatchObject({ verdict: 'genuine', document: { id: row.document_id, number: notice.number }, signature: { valid: true } });
    expect(JSON.stringify(verdict.document)).toContain('兴安盟市场监督管理局');

    const altered = Buffer.from(pdf.rawPayload);
    altered[Math.floor(altered.length / 2)]! ^= 0x01;
    expect((await verifyUpload(altered)).json().verdict).toBe('altered');
  });

  it('a download before the runner seals the notice on the spot, once', async () => {
    const accepted = await accept();
    const notice = accepted.notices.find((n: { kind: string }) => n.kind === 'acceptance-receipt');
    const first = await t.injectAs(world.users.clerk, { method: 'GET', url: notice.url });
    const again = await t.injectAs(world.users.clerk, { method: 'GET', url: notice.url });
    expect(first.statusCode).toBe(200);
    expect(Buffer.compare(first.rawPayload, again.rawPayload)).toBe(0);
    await createPlatformRunner(t.app.deps).runOnce();
    expect(await t.db.selectFrom('documents').select('id').where('case_id', '=', accepted.id).execute()).toHaveLength(1);
  });
});
