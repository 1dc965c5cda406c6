// Query analysis (检索词分析): what a search text is (Chinese name, pinyin/initials, item code),
// which synonym variants it expands to, and which one-character typo patterns it may mean.
// Pure; queries.ts turns a plan into SQL.
import { compactText, detectScript, escapeLike, normalizeText, queryPinyin, requiredGrams, type QueryScript } from './text.js';

/**
 * Ranking tiers, best first (the order results are listed in; within a tier the wider level
 * first — league, county, township — then the shorter name, then the name, then the id):
 *   exact name or code › name prefix › name substring › pinyin/initials prefix › pinyin/initials
 *   substring (incl. polyphone readings) › synonym › one-character typo › material/result text.
 */
export const TIERS = ['exact', 'prefix', 'name', 'pinyin-prefix', 'pinyin', 'synonym', 'typo', 'material'] as const;
export type TierName = (typeof TIERS)[number];
export const TIER = Object.fromEntries(TIERS.map((t, i) => [t, i])) as Record<TierName, number>;

export interface GramPattern {
  /** A LIKE pattern on name_norm (wildcards of the user escaped). */
  like: string;
  /** Grams every name matching the pattern contains: the index narrows to these first. */
  grams: string[];
}

export interface QueryPlan {
  /** Normalized text as the user meant it (for display). */
  text: string;
  compact: string;
  script: QueryScript;
  grams: string[];
  /** Upper-case code prefix when the text looks like an item or implementation code. */
  code: string | null;
  synonyms: { text: string; grams: string[] }[];
  /** Full pinyin of a Chinese text: a homophone typo (营叶执照) has the same pinyin. */
  homophone: string | null;
  /** One-character substitutions, omissions and extra characters of a Chinese text. */
  typos: GramPattern[];
  /** Latin text long enough for trigram word similarity (yingyezhizao → yingyezhizhao). */
  latinTypo: boolean;
}

/** Above this many variants a query costs more than it helps. */
const MAX_SYNONYM_VARIANTS = 12;
/** Typo patterns grow with the length: beyond this the text surely holds an exact word. */
const MAX_TYPO_LENGTH = 12;

/**
 * Variants of the text under the synonym groups: for each group, its longest term found in the
 * text is replaced by each other term (执照 → 营业执照, 工商执照).
 */
export function synonymVariants(compact: string, groups: string[][]): string[] {
  const variants = new Set<string>();
  for (const group of groups) {
    const terms = [...new Set(group.map(compactText).filter(Boolean))];
    const found = terms.filter((t) => compact.includes(t)).sort((a, b) => b.length - a.length)[0];
    if (!found) continue;
    for (const other of terms) {
      if (other !== found) variants.add(compact.replace(found, other));
    }
  }
  variants.delete(compact);
  return [...variants].slice(0, MAX_SYNONYM_VARIANTS);
}

function without(chars: string[], i: number): string {
  return [...chars.slice(0, i), ...chars.slice(i + 1)].join('');
}

/** Grams of the text that do not touch position i; the other characters when no pair is left. */
function gramsAvoiding(chars: string[], i: number): string[] {
  const pairs: string[] = [];
  for (let j = 0; j + 1 < chars.length; j++) if (j !== i && j + 1 !== i) pairs.push(chars[j] + chars[j + 1]);
  return pairs.length ? [...new Set(pairs)] : [...new Set(chars.filter((_, j) => j !== i))];
}

/** LIKE patterns for one wrong, missing or extra character in a Chinese text of 3+ characters. */
export function typoPatterns(compact: string): GramPattern[] {
  const chars = [...compact];
  if (chars.length < 3 || chars.length > MAX_TYPO_LENGTH) return [];
  const esc = (parts: string[]) => parts.map(escapeLike).join('');
  const patterns = new Map<string, string[]>();
  chars.forEach((_, i) => {
    // substitution: 营叶执照 → 营_执照
    patterns.set(`%${esc(chars.slice(0, i))}_${esc(chars.slice(i + 1))}%`, gramsAvoiding(chars, i));
    // omission: 营执照 → 营_执照 (between i-1 and i)
    if (i > 0) {
      const grams = requiredGrams(compact).filter((g) => g !== chars[i - 1] + chars[i]);
      patterns.set(`%${esc(chars.slice(0, i))}_${esc(chars.slice(i))}%`, grams.length ? grams : [chars[i - 1], chars[i]]);
    }
    // extra character: 营业业执照 → 营业执照
    if (chars.length >= 4) {
      const shorter = without(chars, i);
      patterns.set(`%${escapeLike(shorter)}%`, requiredGrams(shorter));
    }
  });
  patterns.delete(`%${escapeLike(compact)}%`);
  return [...patterns].map(([like, grams]) => ({ like, grams }));
}

export function analyzeQuery(input: string, synonymGroups: string[][]): QueryPlan {
  const text = normalizeText(input);
  const compact = compactText(input);
  const script = detectScript(compact);
  const han = script === 'han';
  const homophone = han && [...compact].length >= 2 ? queryPinyin(compact) : '';
  return {
    text,
    compact,
    script,
    grams: requiredGrams(compact),
    code: script === 'code' ? compact.toUpperCase() : null,
    synonyms: synonymVariants(compact, synonymGroups).map((v) => ({ text: v, grams: requiredGrams(v) })),
    homophone: /^[a-z]{3,}$/.test(homophone) ? homophone : null,
    typos: han ? typoPatterns(compact) : [],
    latinTypo: script === 'latin' && compact.length >= 5,
  };
}

/** Whether a fallback pass (typos, material text) could find anything the exact pass did not. */
export function canBeFuzzy(plan: QueryPlan): boolean {
  return plan.typos.length > 0 || plan.homophone !== null || plan.latinTypo || (plan.script === 'han' && [...plan.compact].length >= 2);
}
