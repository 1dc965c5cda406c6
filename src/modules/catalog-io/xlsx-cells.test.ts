// Cell conventions of the xlsx exchange: what a person types is read back, what we write reads back exactly.
import { describe, expect, it } from 'vitest';
import { decodeCell, encodeCell } from './xlsx-cells.js';
import { GUIDE_COLUMNS, LABELS, columnForPath, keyOfHeader, type CellKind } from './xlsx-columns.js';

const kindOf = (key: string): CellKind => GUIDE_COLUMNS.find((c) => c.key === key)!.kind;
const roundTrip = (kind: CellKind, value: unknown) => {
  const d = decodeCell(kind, encodeCell(kind, value));
  return d.ok ? d.value : d;
};

describe('xlsx cells', () => {
  it('writes choices as Chinese labels and reads labels, aliases and keys', () => {
    const unit = { type: 'enum', labels: LABELS.timeUnit } as const;
    expect(encodeCell(unit, 'working-day')).toBe('工作日');
    expect(decodeCell(unit, '工作日')).toEqual({ ok: true, value: 'working-day' });
    expect(decodeCell(unit, '日')).toEqual({ ok: true, value: 'calendar-day' });
    expect(decodeCell(unit, 'calendar-day')).toEqual({ ok: true, value: 'calendar-day' });
    const bad = decodeCell(unit, '小时');
    expect(bad.ok).toBe(false);
    expect(encodeCell(kindOf('serviceObjects'), ['natural-person', 'legal-person'])).toBe('自然人、法人');
    expect(decodeCell(kindOf('serviceObjects'), '自然人，法人')).toEqual({ ok: true, value: ['natural-person', 'legal-person'] });
  });

  it('reads 是/否 and refuses anything else', () => {
    const bool = { type: 'bool' } as const;
    expect(decodeCell(bool, '是')).toEqual({ ok: true, value: true });
    expect(decodeCell(bool, false)).toEqual({ ok: true, value: false });
    expect(decodeCell(bool, '也许').ok).toBe(false);
    expect(decodeCell({ type: 'int' }, '十天').ok).toBe(false);
    expect(decodeCell({ type: 'int' }, '12')).toEqual({ ok: true, value: 12 });
  });

  it('keeps text lists one per line, falling back to JSON when an entry has a line break', () => {
    const list = { type: 'textList' } as const;
    expect(encodeCell(list, ['甲', '乙'])).toBe('甲\n乙');
    expect(roundTrip(list, ['甲', '乙'])).toEqual(['甲', '乙']);
    const tricky = ['第一条\n第二款', ' 前后空格 ', '[像 JSON'];
    expect(encodeCell(list, tricky)).toBe(JSON.stringify(tricky));
    expect(roundTrip(list, tricky)).toEqual(tricky);
    expect(roundTrip(list, [])).toEqual([]);
  });

  it('writes fee, situation and location records as lines of parts separated by ｜', () => {
    const fees = kindOf('fees.items');
    const value = [{ name: '工本费', amountYuan: 12.5, basis: '《收费标准》' }, { name: '证书费', amountYuan: 0, basis: '' }];
    expect(encodeCell(fees, value)).toBe('工本费｜12.5｜《收费标准》\n证书费｜0｜');
    expect(roundTrip(fees, value)).toEqual(value);
    expect(decodeCell(fees, '工本费|12.5|依据')).toEqual({ ok: true, value: [{ name: '工本费', amountYuan: 12.5, basis: '依据' }] });
    expect(decodeCell(fees, '工本费｜十元｜依据').ok).toBe(false);
    expect(decodeCell(fees, '工本费｜12').ok).toBe(false);
    const situations = kindOf('situations');
    expect(roundTrip(situations, [{ id: 'new', name: '新办', materialIds: ['m1', 'm2'] }])).toEqual([{ id: 'new', name: '新办', materialIds: ['m1', 'm2'] }]);
    const withBar = [{ name: 'A｜B', address: '地址', hours: '9:00' }];
    expect(roundTrip(kindOf('locations'), withBar)).toEqual(withBar);
  });

  it('finds the column of a field path and the key of a header', () => {
    expect(keyOfHeader('承诺办结时限(promisedLimit.days)')).toBe('promisedLimit.days');
    expect(keyOfHeader('法定办结时限（工作日）(legalLimitDays)')).toBe('legalLimitDays');
    expect(keyOfHeader('备注')).toBeNull();
    expect(columnForPath(GUIDE_COLUMNS, 'fees.items.2.amountYuan')?.key).toBe('fees.items');
    expect(columnForPath(GUIDE_COLUMNS, 'legalLimit')?.key).toBe('legalLimit.days');
    expect(columnForPath(GUIDE_COLUMNS, 'result.sample')?.key).toBe('result.sample.title');
  });
});
