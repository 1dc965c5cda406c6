// Sending the outbox through a real SMTP server (smtp-server on a random port): sent once, retried
// with backoff on 4xx and connection errors, never retried on 5xx, never sent twice by two runners,
// receipts that never move a status backwards, and the sandbox that sends nothing.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AppDeps } from '../../app.js';
import { loadConfig, type Config } from '../../config.js';
import { ManualClock } from '../../lib/clock.js';
import { latestOutboxMessage } from '../applicants/sms.js';
import { createJobRunner, type JobRunner } from '../jobs/runner.js';
import { createTestDatabase, type TestDatabase } from '../../../test/helpers.js';
import { startTestSmtp, type TestSmtp } from '../../../test/smtp-server.js';
import { channelsFor, messageIdFor } from './channels.js';
import { claimDueMessages, LOCK_MS, recordReceipt } from './sender.js';
import { enqueueMessages, messagesOfCase, portalMessagesOf, type MessageRequest } from './service.js';

let database: TestDatabase;
let smtp: TestSmtp;
let clock: ManualClock;
const runners: JobRunner[] = [];
const START = '2026-03-02T09:00:00+08:00';
const baseConfig = loadConfig({ NODE_ENV: 'test', TONGBAN_DATA_DIR: '/tmp/tongban-test' });

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.dispose());

beforeEach(async () => {
  smtp = await startTestSmtp();
  clock = new ManualClock(START);
  // Each test sees only its own messages.
  await database.db.deleteFrom('outbox_messages').execute();
  await database.db.deleteFrom('message_templates').execute();
});
afterEach(async () => {
  for (const r of runners.splice(0)) await r.stop();
  await smtp.close();
});

function depsWith(outbox: Partial<Config['outbox']> = {}): AppDeps {
  const config: Config = { ...baseConfig, seedDemo: false, outbox: { ...baseConfig.outbox, smtpUrl: smtp.url, sandbox: false, ...outbox } };
  return { db: database.db, config, clock };
}

/** A runner with no timers, whose retry delays are exactly half their ceiling (random() = 0.5). */
function runner(deps: AppDeps, send: { batchSize?: number; maxAttempts?: number } = {}, log?: string[]): JobRunner {
  const r = createJobRunner(
    deps,
    {},
    {
      channels: channelsFor(deps),
      send: { batchSize: send.batchSize, random: () => 0.5, policy: { baseMs: 30_000, capMs: 3_600_000, maxAttempts: send.maxAttempts ?? 8, minMs: 1000 } },
      log: log && { warn: (d, m) => log.push(JSON.stringify({ d, m })), error: (d, m) => log.push(JSON.stringify({ d, m })) },
    },
  );
  runners.push(r);
  return r;
}

const EMAIL = 'zhang.san@example.cn';
const PHONE = '13912345678';

function request(overrides: Partial<MessageRequest> = {}): MessageRequest {
  return {
    templateKey: 'case.accepted',
    dedupeKey: `test:${Math.random()}`,
    caseId: 'case-1',
    applicantId: 'applicant-1',
    to: { email: EMAIL },
    params: { caseNumber: 'XA2026030200001', itemName: '食品经营许可', orgName: '兴安盟市场监督管理局', stateName: '审查中', link: 'http://127.0.0.1:3000/my/cases/case-1', dueOn: '2026-03-30' },
    ...overrides,
  };
}

async function enqueue(deps: AppDeps, req: MessageRequest = request()) {
  await deps.db.transaction().execute((trx) => enqueueMessages(trx, deps, req));
}

async function rows() {
  return database.db.selectFrom('outbox_messages').selectAll().orderBy('created_at').orderBy('id').execute();
}

describe('sending e-mail', () => {
  it('sends an enqueued e-mail once, rendered, with a Message-ID derived from the message id', async () => {
    const deps = depsWith();
    await enqueue(deps);
    const r = runner(deps);
    expect(await r.runOnce()).toMatchObject({ timers: 0, messages: 1 });
    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    const [row] = await rows();
    expect(mail.to).toEqual([EMAIL]);
    expect(mail.subject).toBe('【通办】申请已受理（办件编号 XA2026030200001）');
    expect(mail.text).toContain('您申请办理的“食品经营许可”已由兴安盟市场监督管理局受理');
    expect(mail.text).toContain('承诺于 2026-03-30 前办结');
    expect(mail.text).toContain('查看办理进度：http://127.0.0.1:3000/my/cases/case-1');
    expect(mail.text).not.toContain('{{');
    expect(mail.messageId).toBe(messageIdFor(row.id, deps.config.outbox.mailFrom));
    expect(row).toMatchObject({ status: 'delivered', attempts: 1, provider: 'smtp', provider_ref: mail.messageId, locked_until: null });
    expect(row.delivered_at).not.toBeNull();

    // Nothing is due any more: a later pass sends nothing again.
    clock.advanceDays(2);
    expect(await r.runOnce()).toMatchObject({ timers: 0, messages: 0 });
    expect(smtp.attempts).toBe(1);
  });

  it('retries a 451 after its backoff, and records delivered with attempts 2', async () => {
    const deps = depsWith();
    await enqueue(deps);
    smtp.replies.push(451);
    const r = runner(deps);
    await r.runOnce();
    let [row] = await rows();
    expect(row).toMatchObject({ status: 'temporary-failure', attempts: 1, last_error: 'EMESSAGE 451' });
    // Full jitter with random() = 0.5: half of the first ceiling (30 s).
    expect(new Date(row.next_attempt_at).getTime() - clock.now().getTime()).toBe(15_000);

    await r.runOnce();
    clock.advance(14_000);
    await r.runOnce();
    expect(smtp.attempts).toBe(1); // not before its time

    clock.advance(1_000);
    await r.runOnce();
    [row] = await rows();
    expect(smtp.attempts).toBe(2);
    expect(smtp.received).toHaveLength(1);
    expect(row).toMatchObject({ status: 'delivered', attempts: 2, last_error: null });
  });

  it('gives up at once on a 550 and never retries it; the log names neither recipient nor text', async () => {
    const deps = depsWith();
    await enqueue(deps);
    smtp.replies.push(550);
    const log: string[] = [];
    const r = runner(deps, {}, log);
    await r.runOnce();
    clock.advanceDays(3);
    await r.runOnce();
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'permanent-failure', attempts: 1, last_error: 'EMESSAGE 550' });
    expect(smtp.attempts).toBe(1);
    expect(log.join('\n')).toContain(row.id);
    expect(log.join('\n')).not.toContain(EMAIL);
    expect(log.join('\n')).not.toContain('食品经营许可');
  });

  it('treats a refused connection as temporary, and ends permanent after the last attempt', async () => {
    const closed = await startTestSmtp();
    const url = closed.url;
    await closed.close();
    const deps = depsWith({ smtpUrl: url });
    await enqueue(deps);
    const r = runner(deps, { maxAttempts: 3 });
    await r.runOnce();
    let [row] = await rows();
    expect(row.status).toBe('temporary-failure');
    expect(row.last_error).toMatch(/^E[A-Z]+$/);
    for (let i = 0; i < 2; i++) {
      clock.advance(3_600_000);
      await r.runOnce();
    }
    [row] = await rows();
    expect(row).toMatchObject({ status: 'permanent-failure', attempts: 3 });
  });

  it('two runners racing send each message exactly once', async () => {
    const deps = depsWith();
    for (let i = 0; i < 12; i++) await enqueue(deps, request({ dedupeKey: `race:${i}` }));
    const a = runner(deps, { batchSize: 2 });
    const b = runner(deps, { batchSize: 2 });
    const [ra, rb] = await Promise.all([a.runOnce(), b.runOnce()]);
    expect(ra.messages + rb.messages).toBe(12);
    const ids = smtp.received.map((m) => m.messageId);
    expect(ids).toHaveLength(12);
    expect(new Set(ids).size).toBe(12);
    const all = await rows();
    expect(all.every((m) => m.status === 'delivered' && m.attempts === 1)).toBe(true);
  });

  it('takes over a message whose worker died mid-send once its lock passes, with the same Message-ID', async () => {
    const deps = depsWith();
    await enqueue(deps);
    // A worker claims the message and dies before sending or recording anything.
    const [claimed] = await claimDueMessages(deps, 10);
    expect(claimed.attempts).toBe(1);
    const r = runner(deps);
    await r.runOnce();
    expect(smtp.attempts).toBe(0); // still reserved for the dead worker
    clock.advance(LOCK_MS);
    await r.runOnce();
    const [row] = await rows();
    expect(row).toMatchObject({ status: 'delivered', attempts: 2 });
    expect(smtp.received.map((m) => m.messageId)).toEqual([messageIdFor(row.id, deps.config.outbox.mailFrom)]);
  });
});

describe('receipts', () => {
  it('a late receipt never moves a delivered message back; an earlier one moves it forward', async () => {
    const deps = depsWith();
    await enqueue(deps);
    await runner(deps).runOnce();
    const [row] = await rows();
    expect(row.status).toBe('delivered');
    expect(await recordReceipt(database.db, row.id, 'temporary-failure', clock)).toBe('delivered');
    expect(await recordReceipt(database.db, row.id, 'permanent-failure', clock)).toBe('delivered');
    expect(await recordReceipt(database.db, row.id, 'sending', clock)).toBe('delivered');
    expect((await rows())[0]).toMatchObject({ status: 'delivered', last_error: null });

    // A message waiting for its retry: the provider reports it delivered after all; no resend follows.
    smtp.replies.push(451);
    await enqueue(deps, request({ dedupeKey: 'receipt:2' }));
    await runner(deps).runOnce();
    const second = (await rows()).find((m) => m.dedupe_key === 'receipt:2:email')!;
    expect(second.status).toBe('temporary-failure');
    expect(await recordReceipt(database.db, second.id, 'delivered', clock)).toBe('delivered');
    clock.advanceDays(1);
    await runner(deps).runOnce();
    expect(smtp.attempts).toBe(2); // the first message, and the refused attempt of the second
    expect(await recordReceipt(database.db, 'no-such-message', 'delivered', clock)).toBeNull();
  });
});

describe('channels', () => {
  it('sandbox mode records e-mail and SMS as delivered without connecting anywhere', async () => {
    const deps = depsWith({ sandbox: true });
    await enqueue(deps, request({ to: { email: EMAIL, phone: PHONE, portal: true } }));
    await runner(deps).runOnce();
    const all = await rows();
    expect(all.map((m) => [m.channel, m.status, m.provider]).sort()).toEqual([
      ['email', 'delivered', 'sandbox'],
      ['portal', 'delivered', 'portal'],
      ['sms', 'delivered', 'sandbox'],
    ]);
    expect(smtp.connections).toBe(0);
    expect(await latestOutboxMessage(deps, PHONE)).toBeNull();
  });

  it('the sandbox is the default in development and test without an SMTP server, never in production', () => {
    expect(loadConfig({ NODE_ENV: 'test' }).outbox.sandbox).toBe(true);
    expect(loadConfig({ NODE_ENV: 'test', TONGBAN_SMTP_URL: 'smtp://127.0.0.1:2525' }).outbox.sandbox).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', TONGBAN_SMTP_URL: 'smtp://127.0.0.1:2525', TONGBAN_OUTBOX_SANDBOX: '1' }).outbox.sandbox).toBe(true);
    expect(() => loadConfig({ NODE_ENV: 'test', TONGBAN_SMTP_URL: 'http://mail' })).toThrow(/TONGBAN_SMTP_URL/);
    expect(() => loadConfig({ NODE_ENV: 'test', TONGBAN_OUTBOX_SANDBOX: 'yes' })).toThrow(/TONGBAN_OUTBOX_SANDBOX/);
  });

  it('without an SMTP server and outside the sandbox, e-mail fails permanently and says why', async () => {
    const deps = depsWith({ smtpUrl: null, sandbox: false });
    await enqueue(deps);
    await runner(deps).runOnce();
    expect((await rows())[0]).toMatchObject({ status: 'permanent-failure', attempts: 1, last_error: 'smtp-not-configured' });
  });

  it('SMS goes through the SMS adapter (development outbox), portal messages show in 我的消息 at once', async () => {
    const deps = depsWith();
    await enqueue(deps, request({ to: { phone: PHONE, portal: true } }));
    const portal = await portalMessagesOf(database.db, 'applicant-1');
    expect(portal).toHaveLength(1);
    expect(portal[0]).toMatchObject({ caseId: 'case-1', templateKey: 'case.accepted', subject: '申请已受理' });
    await runner(deps).runOnce();
    const held = await latestOutboxMessage(deps, PHONE);
    expect(held?.body).toMatch(/^【通办】您的食品经营许可申请（XA2026030200001）已受理，承诺2026-03-30前办结。详见 http/);
    const messages = await messagesOfCase(database.db, 'case-1', deps.config);
    expect(messages.map((m) => [m.channel, m.status, m.provider, m.recipient])).toEqual(
      expect.arrayContaining([
        ['sms', 'delivered', 'outbox', '139****5678'],
        ['portal', 'delivered', 'portal', null],
      ]),
    );
    expect(smtp.connections).toBe(0);
  });

  it('a message is written once per channel however often the change is retried (dedupe key)', async () => {
    const deps = depsWith();
    const req = request({ dedupeKey: 'case-1:accepted', to: { email: EMAIL, portal: true } });
    await enqueue(deps, req);
    await enqueue(deps, req);
    expect((await rows()).map((m) => m.channel).sort()).toEqual(['email', 'portal']);
  });
});
