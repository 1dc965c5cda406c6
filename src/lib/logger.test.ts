import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { loggerOptions, scrubText } from './logger.js';

const ID = '15220119870523391X';
const PHONE = '13947112358';

function logLines(write: (logger: pino.Logger) => void): Record<string, unknown>[] {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const { stream: _ignored, ...options } = loggerOptions('trace', stream);
  void _ignored;
  write(pino(options, stream));
  return lines.map((l) => JSON.parse(l));
}

describe('scrubText', () => {
  it('replaces ID numbers, mobile and landline numbers, street addresses and query strings', () => {
    expect(scrubText(`id ${ID} and ${ID.toLowerCase()}`)).toBe('id [id-number] and [id-number]');
    expect(scrubText(`call ${PHONE}, +86 139 4711 2358 or 0482-8263917`)).toBe('call [phone], [phone] or [phone]');
    // Han text just before an address goes with it: the pattern cannot tell where the address starts.
    expect(scrubText('address: 内蒙古自治区兴安盟乌兰浩特市和平路27号4单元502室')).toBe('address: [address]');
    expect(scrubText('幸福小区5号楼2单元')).toBe('[address]');
    expect(scrubText('Route GET:/api/search?q=abc&x=1 not found')).toBe('Route GET:/api/search?[redacted] not found');
  });

  it('leaves request ids, timestamps, response times and ordinary text alone', () => {
    const line = '{"time":1795638125389,"reqId":"d334531d-ee1f-421b-bec2-719a96fd3cd6","responseTime":12.345678901234567,"msg":"request completed 审核通过"}';
    expect(scrubText(line)).toBe(line);
  });

  it('keeps a line valid JSON when a number stood where a number was expected', () => {
    expect(JSON.parse(scrubText(`{"n":${PHONE},"m":[${ID.slice(0, 17)}1]}`))).toEqual({ n: '[phone]', m: ['[id-number]'] });
  });
});

describe('loggerOptions', () => {
  it('logs a request as method, path and id only', () => {
    const [line] = logLines((log) =>
      log.info({ req: { method: 'GET', url: `/api/search?q=${ID}`, id: 'r1', headers: { cookie: 'tb_session=secret' }, body: { phone: PHONE } } }, 'incoming request'),
    );
    expect(line.req).toEqual({ method: 'GET', url: '/api/search', id: 'r1' });
  });

  it('logs an error without the properties that echo data (a database error’s detail, query, params)', () => {
    const error = Object.assign(new Error('duplicate key value violates unique constraint "applicants_phone_hash_key"'), {
      code: '23505',
      detail: 'Key (phone)=(和平路) already exists.',
      query: 'insert into applicants …',
      params: ['和平路'],
      body: { name: '张三明' },
    });
    const [line] = logLines((log) => log.error({ err: error }, 'unhandled error'));
    expect(line.err).toMatchObject({ type: 'Error', code: '23505', message: 'duplicate key value violates unique constraint "applicants_phone_hash_key"' });
    expect(Object.keys(line.err as object).sort()).toEqual(['code', 'message', 'stack', 'type']);
    expect(JSON.stringify(line)).not.toContain('和平路');
    expect(JSON.stringify(line)).not.toContain('张三明');
  });

  it('drops the quoted value of a PostgreSQL data exception, whatever it is', () => {
    const error = Object.assign(new Error('invalid input syntax for type integer: "和平路"'), { code: '22P02' });
    const [line] = logLines((log) => log.error({ err: error }, 'unhandled error'));
    expect((line.err as { message: string }).message).toBe('invalid input syntax for type integer: "[value]"');
  });

  it('masks fields named like personal data at any depth, and redacts bodies, queries and headers', () => {
    const [line] = logLines((log) =>
      log.info({ applicant: { contact: { mobile: PHONE, idCardNumber: ID } }, body: { anything: 'x' }, query: { q: 'y' }, headers: { a: 'b' } }, 'm'),
    );
    expect(line.applicant).toEqual({ contact: { mobile: '139****2358', idCardNumber: '1522**********391X' } });
    expect(line).toMatchObject({ body: '[redacted]', query: '[redacted]', headers: '[redacted]' });
  });
});
