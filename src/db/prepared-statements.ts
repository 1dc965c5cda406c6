// PostgreSQL parses and plans every statement it is sent unless the statement is prepared. For the
// platform's short statements planning costs more than running them (EXPLAIN on the case tables:
// planning 0.11–0.28 ms, execution 0.04–0.08 ms), so each distinct statement text is sent as a
// named prepared statement: parsed and planned once per connection, then only bound and executed.
// Kysely builds statements with placeholders, never with values in the text, so the number of
// distinct texts is bounded by the code; a cap per connection keeps an unexpected stream of
// distinct texts (a bulk insert of many sizes, say) from filling the server's memory.
import { createHash } from 'node:crypto';
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Statements prepared per connection at most; further texts run unprepared. */
const MAX_PER_CONNECTION = 1000;
/** Longer texts (generated bulk statements) run unprepared. */
const MAX_TEXT_LENGTH = 16_000;
const PREPARABLE = /^\s*(select|insert|update|delete|with)\b/i;

const names = new Map<string, string>();

/** A stable name for a statement text (the same on every connection). */
function nameOf(text: string): string {
  let name = names.get(text);
  if (!name) {
    name = `tb_${createHash('sha1').update(text).digest('base64url').slice(0, 24)}`;
    if (names.size > 10 * MAX_PER_CONNECTION) names.clear();
    names.set(text, name);
  }
  return name;
}

const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

function preparing(client: pg.PoolClient): PostgresPoolClient {
  let prepared = preparedOn.get(client);
  if (!prepared) preparedOn.set(client, (prepared = new Set()));
  const own = prepared;
  return {
    query(textOrCursor: any, values?: ReadonlyArray<unknown>): any {
      if (typeof textOrCursor !== 'string') return client.query(textOrCursor);
      const text = textOrCursor;
      if (text.length <= MAX_TEXT_LENGTH && PREPARABLE.test(text) && !text.includes(';')) {
        const name = nameOf(text);
        if (own.has(name) || own.size < MAX_PER_CONNECTION) {
          own.add(name);
          return client.query({ name, text, values: values as unknown[] });
        }
      }
      return client.query(text, values as unknown[]);
    },
    release: (destroy?: boolean) => client.release(destroy),
  };
}

/** The pool as Kysely's PostgresDialect takes it, with statements prepared per connection. */
export function preparingPool(pool: pg.Pool): PostgresPool {
  return {
    connect: async () => preparing(await pool.connect()),
    end: () => pool.end(),
  };
}
