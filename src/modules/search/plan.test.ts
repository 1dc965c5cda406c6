// Query analysis and the pinyin of names, without a database.
import { describe, expect, it } from 'vitest';
import { buildSearchDocument } from './document.js';
import { analyzeQuery, synonymVariants, typoPatterns } from './plan.js';
import { charGrams, compactText, escapeLike, pinyinForms } from './text.js';

describe('normalization', () => {
  it('folds full-width letters, case, spaces and punctuation', () => {
    expect(compactText(' ＹＹ ＺＺ ')).toBe('yyzz');
    expect(compactText('营业执照（新办）')).toBe('营业执照新办');
    expect(escapeLike('100%_\\')).toBe('100\\%\\_\\\\');
  });

  it('tells pinyin, codes and Chinese apart', () => {
    expect(analyzeQuery('yyzz', []).script).toBe('latin');
    expect(analyzeQuery('0100001000', []).code).toBe('0100001000');
    expect(analyzeQuery('营业执照', []).script).toBe('han');
  });
});

describe('pinyin of names', () => {
  it('reads polyphones in context and keeps the other reading as an alternative', () => {
    expect(pinyinForms('银行开户').full).toBe('yinhangkaihu');
    const xingzheng = pinyinForms('行政许可');
    expect(xingzheng).toMatchObject({ full: 'xingzhengxuke', initials: 'xzxk' });
    expect(xingzheng.alternatives).toContain('hangzhengxuke');
  });

  it('writes ü as v and keeps u as an alternative', () => {
    const f = pinyinForms('绿色食品');
    expect(f.full).toBe('lvseshipin');
    expect(f.alternatives).toContain('luseshipin');
  });
});

describe('query expansion', () => {
  it('replaces the longest synonym term found, both directions', () => {
    const groups = [['营业执照', '执照', '工商执照']];
    expect(synonymVariants('执照', groups).sort()).toEqual(['工商执照', '营业执照']);
    expect(synonymVariants('营业执照', groups).sort()).toEqual(['工商执照', '执照']);
    expect(synonymVariants('办理执照', groups)).toContain('办理营业执照');
  });

  it('computes the grams the index holds: characters and pairs, each once', () => {
    expect(charGrams('执照执照')).toEqual(['执', '执照', '照', '照执']);
  });

  it('builds one-character typo patterns whose grams avoid the wrong character', () => {
    const patterns = typoPatterns('营叶执照');
    const substitution = patterns.find((p) => p.like === '%营_执照%');
    expect(substitution?.grams).toEqual(['执照']);
    expect(patterns.map((p) => p.like)).toContain('%营叶照%');
    expect(typoPatterns('执照')).toEqual([]);
  });

  it('gives a Chinese query its pinyin for homophone typos', () => {
    expect(analyzeQuery('营叶执照', []).homophone).toBe('yingyezhizhao');
  });
});

describe('search documents', () => {
  it('index the division chain, pinyin of item and sub-item, and material names', () => {
    const doc = buildSearchDocument({
      implementationId: 'i1',
      guideVersionId: 'v1',
      itemId: 'it1',
      itemCode: '0100001000',
      implementationCode: 'X',
      catalogItemName: '营业执照',
      itemType: 'licensing',
      description: '',
      orgId: 'o1',
      orgName: '乌兰哈达镇人民政府',
      level: 'township',
      divisionCode: '152201100',
      divisionName: '乌兰哈达镇',
      divisionCodes: ['15', '1522', '152201', '152201100'],
      content: { itemName: '营业执照', subItemName: '变更', materials: [{ name: '居民身份证' } as never] },
    });
    expect(doc).toMatchObject({ name_norm: '营业执照变更', pinyin: 'yingyezhizhaobiangeng', initials: 'yyzzbg', level_rank: 2, keywords: '居民身份证' });
  });
});
