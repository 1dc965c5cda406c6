import { describe, expect, it } from 'vitest';
import { diffGuideContent } from './diff.js';
import { cleanGuide } from '../../../test/fixtures/guides.js';

describe('diffGuideContent', () => {
  it('finds no change between equal guides, whatever the key order', () => {
    const reversed = (v: unknown): unknown =>
      Array.isArray(v) ? v.map(reversed) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).reverse().map(([k, x]) => [k, reversed(x)])) : v;
    const a = cleanGuide();
    expect(diffGuideContent(a, cleanGuide())).toEqual([]);
    expect(diffGuideContent(a, reversed(a) as typeof a)).toEqual([]);
  });

  it('reports one changed material field by id with a Chinese label', () => {
    const before = cleanGuide();
    const after = cleanGuide();
    after.materials[3].name = '设备布局图';
    after.materials.unshift(after.materials.splice(5, 1)[0]); // moving a material is not an edit of the others
    const changes = diffGuideContent(before, after);
    expect(changes).toContainEqual({ path: 'materials.layout.name', label: '所需材料「设备布局图」·名称', kind: 'changed', before: '主要设备设施布局图及操作流程说明', after: '设备布局图' });
    expect(changes.filter((c) => c.path.startsWith('materials.')).map((c) => c.path)).toEqual(['materials.layout.name']);
    expect(changes.find((c) => c.path === 'materials')).toMatchObject({ label: '所需材料·顺序', kind: 'changed' });
  });

  it('reports added and removed steps, and nested fields by path, in schema order', () => {
    const before = cleanGuide();
    const after = cleanGuide();
    after.promisedLimit.days = 3;
    after.process = after.process.filter((s) => s.id !== 'inspection');
    after.process.push({ ...before.process[1], id: 'publicity', name: '公示', countsTowardLimit: false });
    after.process[1].timeLimit = { days: 1, unit: 'working-day' };
    after.consultation.phone = '0482-8269999';
    const changes = diffGuideContent(before, after);
    expect(changes.map((c) => [c.path, c.kind])).toEqual([
      ['promisedLimit.days', 'changed'],
      ['process.review.timeLimit.days', 'changed'],
      ['process.publicity', 'added'],
      ['process.inspection', 'removed'],
      ['consultation.phone', 'changed'],
    ]);
    expect(changes[0].label).toBe('承诺办结时限·天数');
    expect(changes[3]).toMatchObject({ label: '办理流程「现场核查」', after: undefined });
  });

  it('treats lists without ids as one value and optional elements as added or removed', () => {
    const before = cleanGuide();
    const after = cleanGuide();
    after.acceptanceConditions.push('经营场所不在禁止区域');
    delete after.subItemName;
    delete after.result.sample;
    const changes = diffGuideContent(before, after);
    expect(changes.map((c) => [c.path, c.label, c.kind])).toEqual([
      ['subItemName', '子项名称', 'removed'],
      ['acceptanceConditions', '受理条件', 'changed'],
      ['result.sample', '办理结果·结果样本', 'removed'],
    ]);
  });

  it('diffs a draft against an empty one without throwing', () => {
    const changes = diffGuideContent({}, cleanGuide());
    expect(changes.every((c) => c.kind === 'added')).toBe(true);
    expect(changes[0].path).toBe('itemName');
  });
});
