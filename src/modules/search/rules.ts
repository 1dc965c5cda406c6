// The rules of catalog search input: a query that has something to match, a cursor this server
// issued, and a synonym list (同义词表) whose terms are real, distinct words.
import { badRequest } from '../../http/errors.js';
import type { SortKey } from './matching.js';
import { compactText } from './text.js';

/** A search text must keep at least one letter, digit or character after normalization. */
export function assertSearchable(compact: string, field = 'querystring.q'): void {
  if (!compact) {
    throw badRequest('search-query-empty', '请输入要查找的事项名称、拼音或编码 (the search text has no letters or characters)', [
      { name: field, reason: '没有可检索的文字 (nothing to search for)' },
    ]);
  }
}

export interface Cursor {
  /** Whether the first page fell back to typo matching; later pages keep the same mode. */
  fuzzy: boolean;
  after: SortKey;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.fuzzy ? 1 : 0, ...cursor.after]), 'utf8').toString('base64url');
}

const invalidCursor = () =>
  badRequest('invalid-cursor', '翻页参数无效，请从第一页重新查找 (the cursor is not one this server issued)', [
    { name: 'querystring.cursor', reason: '无法识别 (unrecognized cursor)' },
  ]);

export function decodeCursor(raw: string): Cursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  if (!Array.isArray(parsed) || parsed.length !== 6) throw invalidCursor();
  const [fuzzy, tier, level, len, name, id] = parsed as unknown[];
  const ints = [fuzzy, tier, level, len].every((n) => Number.isInteger(n) && (n as number) >= 0 && (n as number) < 1000);
  if (!ints || typeof name !== 'string' || typeof id !== 'string' || name.length > 500 || id.length > 200) throw invalidCursor();
  return { fuzzy: fuzzy === 1, after: [tier as number, level as number, len as number, name, id] };
}

/**
 * The synonym groups as they will be stored: terms trimmed; each term must keep a character
 * after normalization, appear once in its group, and each group must hold two or more terms.
 */
export function validateSynonymGroups(groups: string[][]): string[][] {
  return groups.map((group, g) => {
    const seen = new Map<string, number>();
    const terms = group.map((term, t) => {
      const trimmed = term.trim();
      const compact = compactText(trimmed);
      const field = `body.groups.${g}.${t}`;
      if (!compact) throw badRequest('synonym-term-empty', `同义词不能为空或只含符号 (a synonym must contain a character): ${field}`, [{ name: field, reason: '空词 (empty term)' }]);
      if (seen.has(compact)) {
        throw badRequest('synonym-term-duplicate', `同一组内同义词重复：“${trimmed}” (duplicate term in a group): ${field}`, [{ name: field, reason: `与第 ${seen.get(compact)! + 1} 个词重复 (duplicate)` }]);
      }
      seen.set(compact, t);
      return trimmed;
    });
    if (terms.length < 2) {
      throw badRequest('synonym-group-too-small', `每组同义词至少两个词 (a synonym group needs two or more terms): body.groups.${g}`, [{ name: `body.groups.${g}`, reason: '少于两个词 (fewer than two terms)' }]);
    }
    return terms;
  });
}
