import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { StoreError } from '../../errors.js';
import type { Database } from '../schema/index.js';
import type { StoreEngine, SyncLock } from '../engine.js';
import { applyMigrations } from '../migrations/apply-migrations.js';
import { postgresTypeParsers } from './type-parsers.js';
import { safeUrl } from './safe-url.js';
import { NulSafePlugin } from './nul-safe-plugin.js';
import { postgresDialect } from './postgres-dialect.js';
import { LOCK_NAMESPACE } from './lock-namespace.js';
import { describedAs } from '../../util/redacted-inspect.js';

/** The migration's advisory lock (second key, under LOCK_NAMESPACE). */
const MIGRATION_LOCK = 1;
/** PostgreSQL accepts 65535 bound parameters per statement. */
const MAX_PARAMETERS = 60_000;

export interface PostgresSessionOptions {
  /** Every session starts with `default_transaction_read_only` on. */
  readOnly?: boolean;
}

/**
 * PostgreSQL engine: a `pg` pool with a UTC session, text in and text out for JSON and
 * timestamps (so both engines read back the same values), migrations under a transaction-scoped
 * advisory lock (many workers starting at once migrate exactly once), and per-connection sync
 * locks as session advisory locks (released by PostgreSQL when a crashed worker's session ends).
 * `util.inspect` and `JSON.stringify` of the engine show its location without the password.
 */
export async function openPostgresEngine(url: string, poolSize = 10, session: PostgresSessionOptions = {}): Promise<StoreEngine> {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    // A read-only session (the MCP server) has PostgreSQL itself refuse every write, whatever
    // SQL reaches it: the guarantee does not depend on our code never issuing one.
    options: session.readOnly ? '-c TimeZone=UTC -c default_transaction_read_only=on' : '-c TimeZone=UTC',
    types: postgresTypeParsers,
    application_name: session.readOnly ? 'pandora-gong-reader' : 'pandora-gong',
  });
  // An idle client that loses its server must not crash the process.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => {});
    // The `--db` URL cannot be used (wrong host, port, password or database): the user's to fix, exit 2.
    throw new StoreError(`cannot connect to PostgreSQL at ${safeUrl(url)}: ${(error as Error).message}`, error, { kind: 'configuration' });
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new NulSafePlugin()] });

  const engine: StoreEngine = {
    kind: 'postgres',
    dialect: postgresDialect,
    db,
    location: safeUrl(url),
    maxParameters: MAX_PARAMETERS,
    write: (fn) => db.transaction().execute((tx) => fn(tx)),
    migrate: () =>
      engine.write(async (tx) => {
        await sql`SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, ${MIGRATION_LOCK})`.execute(tx);
        return applyMigrations(tx, 'postgres');
      }),
    async tryLockSync(connectionId): Promise<SyncLock | null> {
      const client = await pool.connect();
      try {
        const { rows } = await client.query<{ locked: boolean }>(
          'SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked',
          [LOCK_NAMESPACE, `sync:${connectionId}`],
        );
        if (!rows[0]?.locked) {
          client.release();
          return null;
        }
      } catch (error) {
        client.release(error as Error);
        throw error;
      }
      return {
        release: async () => {
          try {
            await client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [LOCK_NAMESPACE, `sync:${connectionId}`]);
            client.release();
          } catch (error) {
            // Destroying the session releases its locks even when the unlock query failed.
            client.release(error as Error);
          }
        },
      };
    },
    bool: (value) => value,
    close: () => db.destroy(),
  };
  // The pool's options hold the URL with its password: inspect and JSON show the safe location only.
  return describedAs(engine, () => `StoreEngine(postgres ${engine.location})`, () => ({ kind: engine.kind, location: engine.location }));
}
