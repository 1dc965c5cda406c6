// The pure parts of applications: situations and their materials, what may stand for a material
// (一证办理), what a case file may be, and the list cursor.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../http/errors.js';
import type { GuideContent, Material } from '../catalog/guide-content.js';
import { materialsOfSituation, resolveSituation } from './apply-service.js';
import { caseFileContentType, MAX_CASE_FILE_BYTES } from './files.js';
import { decodeCursor, encodeCursor } from './queries.js';
import { sameMaterial } from './reuse.js';

const m = (id: string, extra: Partial<Material> = {}) => ({ id, name: `材料${id}`, ...extra }) as Material;
const content = (situations: GuideContent['situations']) => ({ materials: [m('a'), m('b'), m('c')], situations }) as unknown as GuideContent;

const statusOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? `${error.status} ${error.code} ${error.invalidParams.map((p) => p.name).join(',')}` : 'other';
  }
  return 'ok';
};

describe('situations', () => {
  const two = content([
    { id: 'new', name: '新办', materialIds: ['c', 'a'] },
    { id: 'change', name: '变更', materialIds: ['b'] },
  ]);

  it('gives a situation exactly its materials, in guide order', () => {
    expect(materialsOfSituation(two, 'new').map((x) => x.id)).toEqual(['a', 'c']);
    expect(materialsOfSituation(two, 'change').map((x) => x.id)).toEqual(['b']);
    expect(materialsOfSituation(content([]), null).map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });

  it('requires a choice among several, takes the only one, and refuses one the guide lacks', () => {
    expect(statusOf(() => resolveSituation(two, undefined))).toBe('422 situation-required body.situationId');
    expect(statusOf(() => resolveSituation(two, 'cancel'))).toBe('422 situation-not-in-guide body.situationId');
    expect(resolveSituation(two, 'change')).toEqual({ id: 'change', name: '变更' });
    expect(resolveSituation(content([{ id: 'only', name: '唯一', materialIds: ['a'] }]), undefined)).toEqual({ id: 'only', name: '唯一' });
    expect(resolveSituation(content([]), undefined)).toBeNull();
    expect(statusOf(() => resolveSituation(content([]), 'new', 'querystring.situationId'))).toBe('422 situation-not-in-guide querystring.situationId');
  });
});

describe('reuse matching', () => {
  it('matches the same name or the same e-licence type, nothing else', () => {
    expect(sameMaterial({ name: '营业执照' }, { name: '营业执照', licenceTypeCode: undefined })).toBe(true);
    expect(sameMaterial({ name: '营业执照（副本）', licenceTypeCode: 'YYZZ' }, { name: '营业执照', licenceTypeCode: 'YYZZ' })).toBe(true);
    expect(sameMaterial({ name: '租赁合同' }, { name: '营业执照', licenceTypeCode: 'YYZZ' })).toBe(false);
    // No code on the new material: a code on the old one alone does not make them the same.
    expect(sameMaterial({ name: '身份证明' }, { name: '户口簿', licenceTypeCode: undefined })).toBe(false);
  });
});

describe('case files', () => {
  const pdf = Buffer.from('%PDF-1.7 ...');
  it('accepts PDF, JPEG and PNG by content and refuses the rest', () => {
    expect(caseFileContentType('申请书.PDF', pdf)).toBe('application/pdf');
    expect(caseFileContentType('照片.jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(caseFileContentType('图.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d]))).toBe('image/png');
    expect(statusOf(() => caseFileContentType('申请书.pdf', Buffer.from([0xff, 0xd8, 0xff])))).toBe('415 file-content-mismatch file');
    expect(statusOf(() => caseFileContentType('页面.html', Buffer.from('<html>')))).toBe('415 unsupported-file-type file');
    expect(statusOf(() => caseFileContentType('空.pdf', Buffer.alloc(0)))).toBe('400 empty-file file');
    expect(statusOf(() => caseFileContentType('大.pdf', Buffer.concat([pdf, Buffer.alloc(MAX_CASE_FILE_BYTES)])))).toBe('413 file-too-large file');
  });
});

describe('list cursors', () => {
  it('round-trips and refuses anything else', () => {
    expect(decodeCursor(encodeCursor('2026-03-03', 'abc'), 'date')).toEqual(['2026-03-03', 'abc']);
    expect(decodeCursor(encodeCursor('2026-03-03T01:00:00.000Z', 'abc'), 'timestamp')).toEqual(['2026-03-03T01:00:00.000Z', 'abc']);
    // Also a day that does not exist and an id PostgreSQL cannot compare (NUL): each was a 500 from the database.
    for (const bad of ['x', Buffer.from('[1,2]').toString('base64url'), encodeCursor("2026-03-03'; drop table cases", 'a'), encodeCursor('2026-02-30', 'a'), encodeCursor('2026-03-03', 'a\u0000'), encodeCursor('2026-03-03', 'a')]) {
      expect(statusOf(() => decodeCursor(bad, bad === encodeCursor('2026-03-03', 'a') ? 'timestamp' : 'date'))).toBe('400 invalid-cursor querystring.cursor');
    }
  });
});
