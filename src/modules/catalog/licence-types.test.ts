import { describe, expect, it } from 'vitest';
import { DEFAULT_LICENCE_TYPES, departmentMatches, licenceNameVariants } from './licence-types.js';

// GB 32100 check character of a unified social credit code.
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const creditCodeValid = (c: string) => {
  const sum = WEIGHTS.reduce((n, w, i) => n + CHARS.indexOf(c[i]) * w, 0);
  return CHARS[(31 - (sum % 31)) % 31] === c[17];
};

describe('default licence types', () => {
  it('hold the common licences with unique 21-char codes: a credit code plus a serial', () => {
    const names = DEFAULT_LICENCE_TYPES.map((t) => t.name);
    for (const n of ['居民身份证', '居民户口簿', '营业执照', '结婚证', '不动产权证书', '社会保障卡', '出生医学证明', '食品经营许可证', '机动车驾驶证']) {
      expect(names).toContain(n);
    }
    const codes = DEFAULT_LICENCE_TYPES.map((t) => t.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9A-HJ-NPQRTUWXY]{18}\d{3}$/);
      expect(creditCodeValid(code.slice(0, 18))).toBe(true);
    }
  });

  it('match offices to department kinds by core word and short form', () => {
    expect(departmentMatches('兴安盟公安局', '公安机关')).toBe(true);
    expect(departmentMatches('突泉县市场监管局', '市场监督管理部门')).toBe(true);
    expect(departmentMatches('乌兰浩特市人社局', '人力资源和社会保障部门')).toBe(true);
    expect(departmentMatches('乌兰浩特市民政局', '公安机关')).toBe(false);
    expect(licenceNameVariants('居民身份证')).toEqual(['居民身份证', '身份证']);
    expect(licenceNameVariants('结婚证')).toEqual(['结婚证']);
  });
});
