// Every action the platform writes to the audit trail has a Chinese name (auditors read 受理, not
// case.accept). The test reads the source: each recordAudit call in src/ and the action it passes,
// so a new audited action without a name fails here before any auditor meets its bare code.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CASE_ACTIONS } from '../cases/rules.js';
import { EVENT_OF_ACTION } from '../seals/rules.js';
import { ACTION_GROUP_NAMES, ACTION_NAMES, actionGroupOf, actionNameOf, actionOptions } from './action-names.js';

const SRC = fileURLToPath(new URL('../../', import.meta.url));

/** Actions written as `prefix.${variable}`: the values the variable's type allows. */
const FAMILIES: Record<string, readonly string[]> = {
  'case.': Object.keys(CASE_ACTIONS),
  'seal.': Object.keys(EVENT_OF_ACTION),
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

/**
 * Where the code from `start` ends: just past the bracket that closes the one at `start`, or (with
 * `expression`) before the first `,`, newline or closing bracket outside brackets. Strings and
 * template literals are skipped whole.
 */
function scan(text: string, start: number, expression = false): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === "'" || c === '"' || c === '`') {
      for (i++; i < text.length && text[i] !== c; i++) if (text[i] === '\\') i++;
    } else if ('({['.includes(c)) depth++;
    else if (')}]'.includes(c)) {
      if (expression && depth === 0) return i;
      if (--depth === 0 && !expression) return i + 1;
    } else if (expression && depth === 0 && (c === ',' || c === '\n')) return i;
  }
  throw new Error(`unbalanced brackets from offset ${start}`);
}

/** The text of every recordAudit(…) call in the file (not its definition). */
function auditCalls(text: string): { call: string; at: number }[] {
  const calls: { call: string; at: number }[] = [];
  for (const m of text.matchAll(/(?<!function )\brecordAudit\(/g)) {
    const open = m.index + m[0].length - 1;
    calls.push({ call: text.slice(open, scan(text, open)), at: m.index });
  }
  return calls;
}

/** The expression given as the entry's action: `action: expr` or the shorthand `action` (const action = expr). */
function actionExpression(file: string, text: string, call: string, at: number): string {
  const entry = call.slice(call.indexOf('{'));
  const m = /(?<![.\w])action\s*(:\s*|(?=[,}\s]))/.exec(entry);
  if (!m) throw new Error(`${file}: a recordAudit call without an action: ${call.slice(0, 120)}`);
  const start = m.index + m[0].length;
  if (m[1].startsWith(':')) return entry.slice(start, scan(entry, start, true)).trim();
  const declared = [...text.slice(0, at).matchAll(/const action = ([^;\n]+);/g)].pop();
  if (!declared) throw new Error(`${file}: recordAudit passes \`action\` but no \`const action = …\` precedes it`);
  return declared[1].trim();
}

/** The codes an action expression can give: a literal, either branch of `cond ? 'a' : 'b'`, or a known family. */
function codesOf(file: string, expression: string): string[] {
  // A conditional's ? and : stand between spaces (unlike ?. and the colon of a key).
  const ternary = /\s\?\s/.exec(expression);
  const branches = ternary ? expression.slice(ternary.index + ternary[0].length).split(/\s:\s/) : [expression];
  return branches.flatMap((branch) => {
    const b = branch.trim();
    const literal = /^(['"])([^'"]+)\1$/.exec(b);
    if (literal) return [literal[2]];
    const family = /^`([^`$]*)\$\{\w+\}`$/.exec(b);
    if (family && FAMILIES[family[1]]) return FAMILIES[family[1]].map((a) => `${family[1]}${a}`);
    throw new Error(`${file}: cannot tell which actions \`${b}\` writes; name them in action-names.test.ts (FAMILIES) or pass a literal`);
  });
}

function writtenActions(): Map<string, string> {
  const written = new Map<string, string>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    const relative = path.relative(SRC, file);
    for (const { call, at } of auditCalls(text)) {
      for (const code of codesOf(relative, actionExpression(relative, text, call, at))) written.set(code, relative);
    }
  }
  return written;
}

let scanned: Map<string, string> | undefined;

describe('Chinese names of audited actions (审计操作名称)', () => {
  const written = { has: (code: string) => (scanned ??= writtenActions()).has(code), all: () => [...(scanned ??= writtenActions())] };

  it('finds the audited actions in the source (the scan itself works)', () => {
    for (const known of ['case.accept', 'case.refuse-acceptance', 'identity.sso.sign-in', 'applicant.real-name.link', 'user.deactivate', 'seal.revoke', 'licence.revoke', 'audit.export', 'seed.demo']) {
      expect(written.has(known), known).toBe(true);
    }
    expect(written.all().length).toBeGreaterThan(60);
  });

  it('names every action the code writes', () => {
    const unnamed = written.all().filter(([code]) => !actionNameOf(code)).map(([code, file]) => `${code} (${file})`);
    expect(unnamed, 'add these to ACTION_NAMES in src/modules/audit/action-names.ts').toEqual([]);
  });

  it('names no action the code does not write (a misspelt code would never match)', () => {
    expect(Object.keys(ACTION_NAMES).filter((code) => !written.has(code))).toEqual([]);
  });

  it('writes audit records only through recordAudit', () => {
    const direct = sourceFiles(SRC).filter((f) => !f.endsWith(path.join('audit', 'queries.ts')) && /insertInto\(\s*'audit_log'/.test(readFileSync(f, 'utf8')));
    expect(direct.map((f) => path.relative(SRC, f))).toEqual([]);
  });

  it('gives each family a name and every name some text, in the groups of the filter', () => {
    expect(Object.values(ACTION_NAMES).filter((name) => !/\p{Script=Han}/u.test(name))).toEqual([]);
    expect([...new Set(Object.keys(ACTION_NAMES).map(actionGroupOf))].filter((g) => !ACTION_GROUP_NAMES[g])).toEqual([]);
    const options = actionOptions();
    expect(options).toHaveLength(Object.keys(ACTION_NAMES).length);
    expect(options.find((o) => o.action === 'case.refuse-acceptance')).toEqual({ action: 'case.refuse-acceptance', name: '不予受理', group: 'case', groupName: '办件' });
    // Grouped: each group's options are contiguous.
    const order = options.map((o) => o.group).filter((g, i, all) => i === 0 || all[i - 1] !== g);
    expect(new Set(order).size).toBe(order.length);
  });

  it('gives no name to a code it does not know, inherited properties included', () => {
    expect(actionNameOf('constructor')).toBeNull();
    expect(actionNameOf('case.no-such-action')).toBeNull();
  });
});
