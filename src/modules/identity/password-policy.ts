// The password policy (密码策略, docs/security.md), applied wherever a password is set or changed:
//   - at least 12 characters;
//   - characters from at least three of four classes: lower-case, upper-case, digits, others
//     (symbols, spaces, Chinese characters …);
//   - not containing the username (case-insensitive; usernames of three or more characters);
//   - not one of the last five passwords of the account (the current one and four retired ones).
// Sign-in itself does not re-check the policy: an older password stays usable until it is changed.
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import { verifyPassword } from './passwords.js';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MIN_CLASSES = 3;
/** How many of the latest passwords (current included) a new one must differ from. */
export const PASSWORD_HISTORY_DEPTH = 5;

export type PasswordViolationCode = 'password-too-short' | 'password-too-few-classes' | 'password-contains-username' | 'password-reused';

export interface PasswordViolation {
  code: PasswordViolationCode;
  /** Chinese first, then English: shown to people. */
  message: string;
}

const CLASSES: { name: string; test: RegExp }[] = [
  { name: '小写字母 lower-case', test: /\p{Ll}/u },
  { name: '大写字母 upper-case', test: /\p{Lu}/u },
  { name: '数字 digit', test: /\p{Nd}/u },
  { name: '其他字符 symbol', test: /[^\p{Ll}\p{Lu}\p{Nd}]/u },
];

/** The character classes a password uses, by their bilingual names. */
export function characterClasses(password: string): string[] {
  return CLASSES.filter((c) => c.test.test(password)).map((c) => c.name);
}

/** The rules that need no stored data: length, classes, username. */
export function checkPasswordShape(password: string, username: string): PasswordViolation[] {
  const violations: PasswordViolation[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) {
    violations.push({
      code: 'password-too-short',
      message: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符，当前 ${length} 个 (at least ${PASSWORD_MIN_LENGTH} characters, got ${length})`,
    });
  }
  const classes = characterClasses(password).length;
  if (classes < PASSWORD_MIN_CLASSES) {
    violations.push({
      code: 'password-too-few-classes',
      message: `密码须包含小写字母、大写字母、数字、其他符号中的至少三类，当前 ${classes} 类 (use at least three of: lower-case, upper-case, digits, symbols; got ${classes})`,
    });
  }
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) {
    violations.push({ code: 'password-contains-username', message: '密码不得包含用户名 (the password must not contain the username)' });
  }
  return violations;
}

/**
 * Every rule of the policy. previousHashes are the stored hashes of the latest passwords (current
 * first); only the first PASSWORD_HISTORY_DEPTH are compared.
 */
export async function checkPasswordPolicy(
  password: string,
  context: { username: string; previousHashes?: readonly string[] },
): Promise<PasswordViolation[]> {
  const violations = checkPasswordShape(password, context.username);
  const recent = (context.previousHashes ?? []).slice(0, PASSWORD_HISTORY_DEPTH);
  for (const stored of recent) {
    if (await verifyPassword(password, stored)) {
      violations.push({
        code: 'password-reused',
        message: `不得使用最近 ${PASSWORD_HISTORY_DEPTH} 次用过的密码 (must differ from the last ${PASSWORD_HISTORY_DEPTH} passwords)`,
      });
      break;
    }
  }
  return violations;
}

type Db = Kysely<DB> | Transaction<DB>;

/** The hashes of the account's latest passwords, current first, at most PASSWORD_HISTORY_DEPTH. */
export async function recentPasswordHashes(db: Db, userId: string): Promise<string[]> {
  const user = await db.selectFrom('users').select('password_hash').where('id', '=', userId).executeTakeFirst();
  const retired = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(PASSWORD_HISTORY_DEPTH - 1)
    .execute();
  return [...(user ? [user.password_hash] : []), ...retired.map((r) => r.password_hash)].slice(0, PASSWORD_HISTORY_DEPTH);
}

/** Moves the current hash into the history, keeping only as many retired hashes as the rule needs. */
export async function retirePasswordHash(trx: Db, userId: string, currentHash: string): Promise<void> {
  await trx.insertInto('password_history').values({ user_id: userId, password_hash: currentHash }).execute();
  const keep = await trx
    .selectFrom('password_history')
    .select('id')
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(PASSWORD_HISTORY_DEPTH)
    .execute();
  await trx
    .deleteFrom('password_history')
    .where('user_id', '=', userId)
    .where(
      'id',
      'not in',
      keep.map((k) => k.id),
    )
    .execute();
}
