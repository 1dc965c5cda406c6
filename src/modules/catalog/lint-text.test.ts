import { describe, expect, it } from 'vitest';
import { findBucketWording, findVagueWording, normalizeText, phoneProblem } from './lint-text.js';

describe('catch-all wording (兜底性条款, Art. 10(一))', () => {
  it.each([
    '其他材料',
    '有关材料',
    '相关材料',
    '相关证明',
    '其他证明',
    '其它相关资料',
    '身份证、户口簿等材料',
    '身份证、户口簿等',
    '申请人资格证明等。',
    '有关部门要求的文件',
    '审批机关认为需要提交的其他材料',
    '法律法规规定的其他材料',
    '其他必要的证明文件',
    '与申请事项相关的证明材料',
    '（其他　材料）',
  ])('flags “%s”', (name) => {
    expect(findBucketWording(name)).not.toBeNull();
  });

  it.each([
    '居民身份证',
    '法人或其他组织登记证书',
    '其他组织登记证书',
    '同等学力证明',
    '一等功证书',
    '等级评定证书',
    '相关方身份证明',
    '授权委托书',
    '食品安全自查、从业人员健康管理、进货查验记录制度文本',
    '原件核验后退回',
  ])('does not flag the definite document “%s”', (name) => {
    expect(findBucketWording(name)).toBeNull();
  });

  it('calls 相关/有关/其他 outside a bucket phrase vague, but not the legal term 其他组织', () => {
    expect(findVagueWording('相关方身份证明')).toBe('相关');
    expect(findVagueWording('有关单位意见')).toBe('有关');
    expect(findVagueWording('法人或其他组织登记证书')).toBeNull();
    expect(findVagueWording('居民身份证')).toBeNull();
  });

  it('reads full-width and half-width alike', () => {
    expect(normalizeText('（ＡＢ １ ）')).toBe('(AB1)');
  });
});

describe('placeholder phones', () => {
  it.each(['12345', '0482-8261234', '(0482)8261234', '0482 826 1234', '13947112358', '+86 139 4711 2358', '400-810-5588', '8261234', '12345、0482-8261234'])(
    'accepts %s',
    (phone) => {
      expect(phoneProblem(phone)).toBeNull();
    },
  );

  it.each(['12345678', '00000000', '1234567', '138xxxx', 'xxx', '0482-88888888', '0482-1234567', '1234', '13800000000', '138123', '0482-8261234 或 xxxx'])(
    'flags %s',
    (phone) => {
      expect(phoneProblem(phone)).not.toBeNull();
    },
  );
});
