// Import problems: each names a place (sheet/row/column) and carries a Chinese-then-English message.
import { badRequest, DomainError, type InvalidParam } from '../../http/errors.js';
import type { ImportIssue, Location } from './exchange.js';

export function issueAt(loc: Location, code: string, zh: string, en: string): ImportIssue {
  return { ...loc, code, message: `${zh} (${en})` };
}

/** Keeps the first problem reported for each cell and code, in the order found. */
export function dedupeIssues(issues: ImportIssue[]): ImportIssue[] {
  const seen = new Set<string>();
  const out: ImportIssue[] = [];
  for (const i of issues) {
    const key = `${i.sheet}\u0000${i.row}\u0000${i.column}\u0000${i.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(i);
  }
  return out;
}

/** Sort by sheet order then row so a person can work down the file. */
export function sortIssues(issues: ImportIssue[], sheetOrder: readonly string[]): ImportIssue[] {
  const rank = (s: string) => {
    const i = sheetOrder.indexOf(s);
    return i < 0 ? sheetOrder.length : i;
  };
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort((a, b) => {
      const s = rank(a.issue.sheet) - rank(b.issue.sheet);
      if (s) return s;
      if (typeof a.issue.row === 'number' && typeof b.issue.row === 'number' && a.issue.row !== b.issue.row) return a.issue.row - b.issue.row;
      return a.index - b.index;
    })
    .map((x) => x.issue);
}

/** The file itself cannot be read: a 4xx naming the field "file". */
export function malformedFile(code: string, zh: string, en: string, status = 400): DomainError {
  const params: InvalidParam[] = [{ name: 'file', reason: `${zh} (${en})` }];
  return status === 400 ? badRequest(code, `${zh} (${en})`, params) : new DomainError(status, code, `${zh} (${en})`, params);
}

/** "/materials/2/name" (TypeBox) → "materials.2.name" (the linter's field convention). */
export const pointerToPath = (pointer: string) => pointer.replace(/^\//, '').replace(/\//g, '.');
