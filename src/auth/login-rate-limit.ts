import { sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import type { LoginLimits } from '../config.js';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../domain/errors.js';

export interface LoginKey {
  /** The username as typed, lowercased. */
  account: string;
  client: string;
}

export interface LoginAttempt {
  /** The password was right: forget this client's failures for the account. */
  succeeded(): Promise<void>;
  /** The password was never checked (the server was busy): the attempt does not count. */
  withdraw(): Promise<void>;
}

type Limit = 'account_client' | 'client' | 'account';
type Eb = ExpressionBuilder<Database, 'login_failures'>;

/**
 * Starts a sign-in attempt: it is stored as a failure before the password is checked, so parallel tries count
 * against each other (in every server process: the rows are in the database), and it is refused with
 * RATE_LIMITED (429, `retryAfterS`) before any hashing when, within the window, this client has failed
 * `perAccountClient` times for the account, or `perClient` times for any usernames, or the account has failed
 * `perAccount` times from anywhere and this client is one of them. A client with no failures for the account
 * may always try once, so nobody can lock a user out of their account (ADR 0012).
 */
export async function beginLoginAttempt(db: Db, limits: LoginLimits, key: LoginKey): Promise<LoginAttempt> {
  const since = sql<Date>`now() - cast(${limits.windowS} as integer) * interval '1 second'`;
  await db.deleteFrom('login_failures').where('failed_at', '<=', since).execute();
  const { id } = await db.insertInto('login_failures').values(key).returning('id').executeTakeFirstOrThrow();
  const pair = (eb: Eb) => eb.and([eb('account', '=', key.account), eb('client', '=', key.client)]);
  const client = (eb: Eb) => eb('client', '=', key.client);
  const account = (eb: Eb) => eb('account', '=', key.account);
  const earlier = (eb: Eb) => eb.and([eb('failed_at', '>', since), eb('id', '<>', id)]);

  const counts = await db
    .selectFrom('login_failures')
    .select((eb) => [
      eb.fn.countAll<number>().filterWhere(pair).as('pair'),
      eb.fn.countAll<number>().filterWhere(client).as('client'),
      eb.fn.countAll<number>().filterWhere(account).as('account'),
    ])
    .where((eb) => eb.and([earlier(eb), eb.or([client(eb), account(eb)])]))
    .executeTakeFirstOrThrow();

  // Seconds until fewer than `limit` earlier failures match: when the limit-th most recent one leaves the window.
  const secondsUntilBelow = async (match: (eb: Eb) => Expression<SqlBool>, limit: number) => {
    const row = await db
      .selectFrom('login_failures')
      .select(sql<number>`ceil(extract(epoch from failed_at + cast(${limits.windowS} as integer) * interval '1 second' - now()))`.as('s'))
      .where((eb) => eb.and([earlier(eb), match(eb)]))
      .orderBy('failed_at', 'desc')
      .offset(limit - 1)
      .limit(1)
      .executeTakeFirst();
    return Number(row?.s ?? 0);
  };

  const waits: [Limit, number][] = [];
  if (Number(counts.pair) >= limits.perAccountClient) waits.push(['account_client', await secondsUntilBelow(pair, limits.perAccountClient)]);
  if (Number(counts.client) >= limits.perClient) waits.push(['client', await secondsUntilBelow(client, limits.perClient)]);
  if (Number(counts.account) >= limits.perAccount && Number(counts.pair) > 0) {
    // Over when the account cools down or this client's own failures for it expire, whichever comes first.
    waits.push(['account', Math.min(await secondsUntilBelow(account, limits.perAccount), await secondsUntilBelow(pair, 1))]);
  }
  const withdraw = async () => {
    await db.deleteFrom('login_failures').where('id', '=', id).execute();
  };
  if (waits.length > 0) {
    await withdraw();
    const [limit, seconds] = waits.reduce((a, b) => (b[1] > a[1] ? b : a));
    const retryAfterS = Math.max(1, seconds);
    throw new AppError('RATE_LIMITED', `Too many failed sign-ins; try again in ${retryAfterS} s`, { retryAfterS, limit });
  }
  return {
    async succeeded() {
      await db.deleteFrom('login_failures').where('account', '=', key.account).where('client', '=', key.client).execute();
    },
    withdraw,
  };
}
