// Pure text helpers of catalog search (事项搜索): normalization, character grams, pinyin and
// initials with polyphone alternatives. No I/O; the same functions build the stored documents
// and analyse queries, so both sides always agree.
import { pinyin, polyphonic } from 'pinyin-pro';

/** Lower case, full-width → half-width (NFKC), whitespace collapsed, trimmed. */
export function normalizeText(input: string): string {
  return input.normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

/**
 * The form names are matched in: normalized, then without spaces and punctuation. Chinese names
 * carry no meaningful spaces, and “营业执照（新办）” should match “营业执照新办”.
 */
export function compactText(input: string): string {
  return normalizeText(input).replace(/[^\p{L}\p{N}]+/gu, '');
}

const HAN = /\p{Script=Han}/u;

export function hasHan(text: string): boolean {
  return HAN.test(text);
}

export type QueryScript = 'han' | 'latin' | 'code';

/** Latin letters only → pinyin or initials; letters/digits with a digit → an item code; else a name. */
export function detectScript(compact: string): QueryScript {
  if (/^[a-z]+$/.test(compact)) return 'latin';
  if (/^[0-9a-z]+$/.test(compact) && /[0-9]/.test(compact)) return 'code';
  return 'han';
}

/** Single characters and adjacent pairs, each once: the GIN-indexed tokens of a name. */
export function charGrams(compact: string, withUnigrams = true): string[] {
  const chars = [...compact];
  const grams = new Set<string>();
  chars.forEach((c, i) => {
    if (withUnigrams) grams.add(c);
    if (i + 1 < chars.length) grams.add(c + chars[i + 1]);
  });
  return [...grams];
}

/**
 * The grams a string must have for it to be a substring of an indexed name: its pairs, or the
 * character itself when it is one character long.
 */
export function requiredGrams(compact: string): string[] {
  const chars = [...compact];
  return chars.length === 1 ? chars : charGrams(compact, false);
}

/** Escapes LIKE wildcards so a user's “%” or “_” is matched literally. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export interface PinyinForms {
  /** Full pinyin of the best (context) reading, no tones, no spaces, ü written v. */
  full: string;
  /** First letters of each syllable. */
  initials: string;
  /** Other plausible readings (polyphones, ü as u), full and initials, space separated. */
  alternatives: string[];
}

const PINYIN_OPTIONS = { toneType: 'none', type: 'array', v: true } as const;
/** Enough for the usual polyphones of an item name (行, 长, 重, 会 …) without a combinatorial blow-up. */
const MAX_ALTERNATIVES = 6;

function syllablesOf(compact: string): string[] {
  return pinyin(compact, PINYIN_OPTIONS).map((s) => s.toLowerCase());
}

/**
 * Pinyin of a compact name. pinyin-pro reads polyphones in context (银行 yinhang, 行政 xingzheng);
 * where it may still pick the reading a person does not type, each polyphone's next most common
 * reading is kept as an alternative, one character at a time.
 */
export function pinyinForms(compact: string): PinyinForms {
  const best = syllablesOf(compact);
  const chars = [...compact];
  const readings = chars.length === best.length ? polyphonic(compact, PINYIN_OPTIONS) : [];
  const join = (syllables: string[]) => ({ full: syllables.join(''), initials: syllables.map((s) => s[0] ?? '').join('') });
  const main = join(best);
  const alternatives = new Set<string>();
  readings.forEach((options, i) => {
    for (const reading of options.slice(0, 2)) {
      const r = reading.toLowerCase();
      if (r === best[i] || alternatives.size >= MAX_ALTERNATIVES * 2) continue;
      const alt = join(best.map((s, j) => (j === i ? r : s)));
      if (alt.full !== main.full) alternatives.add(alt.full);
      if (alt.initials !== main.initials) alternatives.add(alt.initials);
    }
  });
  // ü: IMEs take “v”, many people type “u” (绿色 lvse / luse).
  if (main.full.includes('v')) alternatives.add(main.full.replace(/v/g, 'u'));
  return { ...main, alternatives: [...alternatives] };
}

/** Full pinyin of a Chinese query, to find homophone typos (营叶执照 → yingyezhizhao). */
export function queryPinyin(compact: string): string {
  return syllablesOf(compact).join('');
}
