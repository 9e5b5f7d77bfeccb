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
  const client = createClient({ url: opts.url, authToken: opts.authToken });
  if (opts.url.startsWith('file:')) {
    // WAL lets readers work while one writer commits; the busy timeout makes a second writer
    // (another instance, a job) wait instead of failing at once.
    await client.execute('PRAGMA journal_mode = WAL');
    await client.execute('PRAGMA busy_timeout = 5000');
    await client.execute('PRAGMA foreign_keys = ON');
  }
  const db = drizzle(client, { schema }) as Db;
  await migrate(db, { migrationsFolder: MIGRATIONS });
  await seedControllers(db);
  return db;
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
