// Text checks of the guide linter: catch-all wording in materials (Art. 10(一)) and phone
// numbers that are placeholders rather than a line a citizen can call (Art. 9 咨询/投诉方式).

/** Full-width → half-width (NFKC), whitespace removed: “（其他 材料）” and "(其他材料)" read the same. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').replace(/\s+/g, '');
}

// A bucket clause (兜底性条款) is an open-ended class of documents: "其他材料", "有关证明",
// "身份证等材料", "……等", "有关部门要求的". We match the generic nouns only, so a specific
// document that merely contains 其他/相关 (其他组织登记证书, 相关方身份证明) is not a bucket.
const GENERIC_DOC = '(?:证明材料|材料|证明|文件|资料|证件|证照|手续|要件|凭证|附件)';
const BUCKET_PATTERNS: { pattern: RegExp; hint: string }[] = [
  { pattern: new RegExp(`(?:其他|其它|其余|有关|相关)的?(?:有关|相关|必要|必需|所需)?的?${GENERIC_DOC}`), hint: '其他/有关/相关材料' },
  { pattern: new RegExp(`等(?:有关|相关|其他|其它)?的?${GENERIC_DOC}`), hint: '“等材料”' },
  { pattern: /等[)）。.、,，;；:：]*$/, hint: '以“等”结尾' },
  { pattern: /(?:有关|相关|其他|其它|主管)(?:部门|单位|机关|机构)(?:要求|规定|认为|需要)/, hint: '“有关部门要求的”' },
  { pattern: /(?:其他|其它)(?:相关|有关|必要|必需|所需)/, hint: '“其他相关”' },
  { pattern: /(?:要求|规定|需要|认为)(?:提交|提供)?的(?:其他|其它)/, hint: '“规定的其他”' },
];

/** The bucket phrase found in a material name or note, or null. */
export function findBucketWording(text: string): { match: string; hint: string } | null {
  const t = normalizeText(text);
  for (const { pattern, hint } of BUCKET_PATTERNS) {
    const m = pattern.exec(t);
    if (m) return { match: m[0], hint };
  }
  return null;
}

// Legal categories that contain the words but name something definite (其他组织 is one of the
// three kinds of applicant in Chinese administrative law).
const DEFINITE_TERMS = /其他组织|其它组织/g;
const VAGUE_WORDS = /其他|其它|有关|相关/;

/** 其他/有关/相关 used outside a bucket phrase: the document is named, but not whose or which. */
export function findVagueWording(text: string): string | null {
  const m = VAGUE_WORDS.exec(normalizeText(text).replace(DEFINITE_TERMS, ''));
  return m ? m[0] : null;
}

const PLACEHOLDER_CHARS = /[xX×*?？#＊]/;
const PHONE_SEPARATORS = /[、,，;；/／]|或/;

/** Why a phone field does not look like a real number, or null when it does. */
export interface PhoneProblem {
  zh: string;
  en: string;
}

export function phoneProblem(field: string): PhoneProblem | null {
  const parts = field.split(PHONE_SEPARATORS).map((p) => p.trim()).filter(Boolean);
  for (const part of parts) {
    const problem = singlePhoneProblem(part);
    if (problem) return problem;
  }
  return null;
}

function singlePhoneProblem(phone: string): PhoneProblem | null {
  if (PLACEHOLDER_CHARS.test(phone)) return { zh: '含占位字符', en: 'contains placeholder characters' };
  const digits = phone.replace(/^\+?86[-\s]?/, '').replace(/[^0-9]/g, '');
  if (digits.length < 5) return { zh: '位数过少', en: 'too few digits' };
  // The local number is the last 7–8 digits of a landline; a run or a repeated digit there is a placeholder.
  const tails = [digits, digits.slice(-7), digits.slice(-8)].filter((d) => d.length >= 6);
  if (tails.some((d) => /^(\d)\1+$/.test(d))) return { zh: '同一数字重复', en: 'one digit repeated' };
  if (tails.some(isSequential)) return { zh: '连续数字', en: 'a run of consecutive digits' };
  if (!plausibleShape(digits)) return { zh: '格式不像电话号码', en: 'not shaped like a phone number' };
  return null;
}

function isSequential(d: string): boolean {
  const step = Number(d[1]) - Number(d[0]);
  if (Math.abs(step) !== 1) return false;
  for (let i = 1; i < d.length; i++) if (Number(d[i]) - Number(d[i - 1]) !== step) return false;
  return true;
}

/** Service numbers (12345, 95xxx), mobiles (11 digits), landlines with or without area code, 400/800. */
function plausibleShape(d: string): boolean {
  if (/^1\d{4}$/.test(d) || /^9\d{4,5}$/.test(d)) return true;
  if (/^1[3-9]\d{9}$/.test(d)) return true;
  if (/^0\d{9,11}$/.test(d)) return true;
  if (/^[2-9]\d{6,7}$/.test(d)) return true;
  if (/^[48]00\d{7}$/.test(d)) return true;
  return false;
}
