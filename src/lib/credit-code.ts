// 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters
//   1      登记管理部门代码 (registration authority)
//   2      机构类别代码 (organization type, per authority)
//   3–8    登记管理机关行政区划码 (GB/T 2260 division code of the registering office)
//   9–17   主体标识码 (organization code, GB 11714)
//   18     校验码 (check character, MOD 31 over the first 17)
// The alphabet is 0-9 and the capital letters without I O S V Z, so no character can be
// misread as a digit (I/1, O/0, S/5, V/U, Z/2).

export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weight of position i (0-based) is 3^i mod 31. */
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Registration authority → the type codes it may issue (GB 32100-2015 表 1 with later additions). */
export const AUTHORITY_TYPES: Readonly<Record<string, { name: string; types: Record<string, string> }>> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

// GB/T 2260 province-level prefixes; 100000 is used by offices registering at national level.
const PROVINCE_PREFIXES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82',
]);

export type CreditCodeErrorCode = 'length' | 'alphabet' | 'registration-authority' | 'organization-type' | 'division-code' | 'check-character';

export interface CreditCodeError {
  code: CreditCodeErrorCode;
  /** 0-based position of the offending character, when there is one. */
  position?: number;
  /** Chinese first, then English. */
  message: string;
}

export interface CreditCodeValidation {
  valid: boolean;
  errors: CreditCodeError[];
}

/** The check character (18th) of the first 17 characters; throws on a character outside the alphabet. */
export function computeCreditCodeCheck(first17: string): string {
  if (first17.length !== 17) throw new RangeError('computeCreditCodeCheck needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(first17[i]);
    if (value < 0) throw new RangeError(`character "${first17[i]}" at position ${i + 1} is not in the GB 32100 alphabet`);
    sum += value * WEIGHTS[i];
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Checks a code in layers: length, then alphabet; when both hold, each structural part and the
 * check character are checked and every failure is reported, so a form can show them all.
 */
export function validateCreditCode(value: string): CreditCodeValidation {
  const code = value.trim().toUpperCase();
  if (code.length !== 18) {
    return fail({ code: 'length', message: `长度应为18位，实际为${code.length}位 (must be 18 characters, got ${code.length})` });
  }
  const errors: CreditCodeError[] = [];
  for (let i = 0; i < 18; i++) {
    if (!CREDIT_CODE_ALPHABET.includes(code[i])) {
      errors.push({
        code: 'alphabet',
        position: i,
        message: `第${i + 1}位“${code[i]}”不是允许的字符（0-9及除I、O、S、V、Z外的大写字母）(character ${i + 1} is not allowed)`,
      });
    }
  }
  if (errors.length) return { valid: false, errors };

  const authority = AUTHORITY_TYPES[code[0]];
  if (!authority) {
    errors.push({ code: 'registration-authority', position: 0, message: `登记管理部门代码“${code[0]}”不存在 (unknown registration authority code)` });
  } else if (!authority.types[code[1]]) {
    errors.push({
      code: 'organization-type',
      position: 1,
      message: `机构类别代码“${code[1]}”不属于${authority.name}登记管理部门 (organization type not defined for this authority)`,
    });
  }
  const division = code.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !(division === '100000' || PROVINCE_PREFIXES.has(division.slice(0, 2)))) {
    errors.push({ code: 'division-code', position: 2, message: `第3-8位“${division}”不是有效的行政区划码 (positions 3–8 are not a GB/T 2260 division code)` });
  }
  const expected = computeCreditCodeCheck(code.slice(0, 17));
  if (code[17] !== expected) {
    errors.push({ code: 'check-character', position: 17, message: `校验码应为“${expected}”，实际为“${code[17]}” (check character should be ${expected})` });
  }
  return { valid: errors.length === 0, errors };
}

function fail(error: CreditCodeError): CreditCodeValidation {
  return { valid: false, errors: [error] };
}

/** GB 11714 check character of an 8-character organization code body (digits and capital letters). */
export function computeOrganizationCodeCheck(body8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = body8[i];
    const value = /\d/.test(c) ? Number(c) : c.charCodeAt(0) - 55; // A=10 … Z=35
    sum += value * weights[i];
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
