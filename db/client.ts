/**
 * Opens the database: the embedded SQLite file by default, a libSQL server (sqld, Turso) when
 * DATABASE_URL says so. Applies the committed migrations and refreshes the controllers from
 * content/ before anything else uses it.
 *
 * @example
 *   const db = await openDatabase({ url: 'file:data/portal.db' });
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createClient, type Client } from '@libsql/client';
import { drizzle, type LibSQLDatabase } from 'drizzle-orm/libsql';
import { migrate } from 'drizzle-orm/libsql/migrator';
import { facts } from '../content/facts.ts';
import * as schema from './schema.ts';

export type Db = LibSQLDatabase<typeof schema> & { $client: Client };

const MIGRATIONS = fileURLToPath(new URL('./migrations', import.meta.url));

export async function openDatabase(opts: { url: string; authToken?: string | undefined }): Promise<Db> {
  if (opts.url.startsWith('file:')) {
    mkdirSync(dirname(opts.url.slice('file:'.length)), { recursive: true });
  }
  // The timeout is SQLite's busy timeout on every pooled connection: a writer of another
  // process (a second instance) is waited for up to 5 s before the API answers 503.
  const make = () => createClient({ url: opts.url, authToken: opts.authToken, timeout: 5000 });
  const client = opts.url.startsWith('file:') ? renewOnBusy(make) : make();
  if (opts.url.startsWith('file:')) {
    // WAL lets readers work while one writer commits.
    await client.execute('PRAGMA journal_mode = WAL');
    serializeWrites(client);
  }
  const db = drizzle(client, { schema }) as Db;
  await migrate(db, { migrationsFolder: MIGRATIONS });
  await seedControllers(db);
  return db;
}

const isBusyError = (e: unknown) => /SQLITE_BUSY|database is locked/i.test(`${(e as { code?: string })?.code ?? ''} ${(e as Error)?.message ?? ''}`);

/**
 * The embedded driver leaves a connection unusable after a statement fails with SQLITE_BUSY
 * (another process held the lock past the busy timeout): the failed statement stays "in
 * progress" and every later transaction on that connection fails to commit. So after a busy
 * error the client behind this one is replaced by a fresh one (a new pool of connections) once
 * nothing uses the old one any more; callers keep one object throughout.
 */
function renewOnBusy(make: () => Client): Client {
  let current = make();
  let openTransactions = 0;
  let stale: Client | null = null;
  const retire = () => {
    if (stale && openTransactions === 0) {
      const old = stale;
      stale = null;
      try {
        old.close();
      } catch {
        // already closed
      }
    }
  };
  const renew = (e: unknown) => {
    if (!isBusyError(e) || stale) return;
    stale = current;
    current = make();
    retire();
  };
  const call = (name: 'execute' | 'batch' | 'executeMultiple' | 'migrate') => async (...args: unknown[]) => {
    try {
      return await (current[name] as (...a: unknown[]) => Promise<unknown>)(...args);
    } catch (e) {
      renew(e);
      throw e;
    }
  };
  const proxy = {
    execute: call('execute'),
    batch: call('batch'),
    executeMultiple: call('executeMultiple'),
    migrate: call('migrate'),
    async transaction(...args: unknown[]) {
      let tx: Record<string, (...a: unknown[]) => unknown>;
      try {
        tx = (await (current.transaction as (...a: unknown[]) => Promise<unknown>)(...args)) as Record<string, (...a: unknown[]) => unknown>;
      } catch (e) {
        // BEGIN itself found the database busy: that connection is as stuck as after a statement.
        renew(e);
        throw e;
      }
      openTransactions++;
      let ended = false;
      const end = () => {
        if (!ended) {
          ended = true;
          openTransactions--;
          retire();
        }
      };
      for (const name of Object.keys(tx).concat(['execute', 'batch', 'executeMultiple', 'commit', 'rollback', 'close'])) {
        const original = tx[name];
        if (typeof original !== 'function') continue;
        tx[name] = async (...a: unknown[]) => {
          try {
            return await original.apply(tx, a);
          } catch (e) {
            renew(e);
            throw e;
          } finally {
            if (name === 'commit' || name === 'rollback' || name === 'close') end();
          }
        };
      }
      return tx;
    },
    close: () => current.close(),
    sync: () => current.sync(),
    get closed() {
      return current.closed;
    },
    get protocol() {
      return current.protocol;
    },
  };
  return proxy as unknown as Client;
}

/**
 * Within one process, writes take turns. The embedded driver is synchronous: a second writer on
 * another pooled connection would wait for SQLite's lock inside a blocking call, so the first
 * writer's transaction, which needs the event loop to finish, could never commit (a deadlock
 * that ends in SQLITE_BUSY). A queue in JavaScript lets the first finish first. Reads are not
 * queued: in WAL mode they never wait for a writer. Across processes SQLite's own lock decides.
 */
function serializeWrites(client: Client): void {
  let tail: Promise<void> = Promise.resolve();
  const lock = (): Promise<() => void> => {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const before = tail;
    tail = before.then(() => held);
    return before.then(() => release);
  };
  const isRead = (stmt: unknown) => {
    const sql = typeof stmt === 'string' ? stmt : ((stmt as { sql?: string })?.sql ?? '');
    return /^\s*(SELECT|WITH)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|REPLACE)\b/i.test(sql);
  };
  const c = client as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
  for (const name of ['execute', 'batch', 'executeMultiple', 'migrate'] as const) {
    const original = c[name]!.bind(client);
    c[name] = async (...args: unknown[]) => {
      if (name === 'execute' && isRead(args[0])) return original(...args);
      const release = await lock();
      try {
        return await original(...args);
      } finally {
        release();
      }
    };
  }
  const transaction = c.transaction!.bind(client);
  c.transaction = async (...args: unknown[]) => {
    const release = await lock();
    let tx: Record<string, (...a: unknown[]) => unknown>;
    try {
      tx = (await transaction(...args)) as typeof tx;
    } catch (e) {
      release();
      throw e;
    }
    let released = false;
    const once = () => {
      if (!released) {
        released = true;
        release();
      }
    };
    for (const end of ['commit', 'rollback', 'close'] as const) {
      const original = tx[end]!.bind(tx);
      tx[end] = (...a: unknown[]) => {
        try {
          const r = original(...a);
          if (r instanceof Promise) return r.finally(once);
          once();
          return r;
        } catch (e) {
          once();
          throw e;
        }
      };
    }
    return tx;
  };
}

/** Upserts the controllers from content/facts, so the database follows the published facts. */
export async function seedControllers(db: Db): Promise<void> {
  for (const c of Object.values(facts.controllers)) {
    const row = {
      id: c.id,
      name: c.name,
      dpoEmail: c.dpoEmail,
      contactPoint: c.contactPoint,
      internalTargetDays: c.internalTargetDays,
      settings: c.settings,
      updatedAt: new Date(),
    };
    await db.insert(schema.controllers).values(row).onConflictDoUpdate({ target: schema.controllers.id, set: row });
  }
}

/** A transaction handed to `db.transaction(async (tx) => …)`. */
export type DbTx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Either the database or a transaction: domain functions that write take this. */
export type Queryable = Db | DbTx;
