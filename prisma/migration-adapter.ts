import { randomUUID } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

// Used only by the Prisma CLI's WebAssembly schema engine. Two upstream bugs are worked round
// here and nowhere else (docs/architecture.md, "Prisma").

const NAME_OID = 19;
const CHAR_OID = 18;
const TEXT_OID = 25;

type Field = { name: string; dataTypeID: number };
type Result = { fields?: Field[]; rows?: unknown[]; rowCount?: number | null };

// adapter-pg 6.19 cannot deserialise catalog columns of type `name` and `"char"`
// (prisma/orm#27403): report them as text.
// Its WebAssembly schema engine also panics ("unreachable") while introspecting (`migrate dev`,
// `migrate diff`) on constraints it has no model for: CHECK constraints (contype 'c'), and the NOT
// NULL constraints PostgreSQL 18 now lists in pg_constraint (contype 'n'). Prisma's schema cannot
// state either, so leave them out of what it sees: migrations keep them, diffs never drop them.
const UNMODELLED_CONSTRAINTS = new Set(['c', 'n']);
function retypeCatalogColumns<T>(result: T): T {
  const results = Array.isArray(result) ? result : [result];
  for (const r of results as Result[]) {
    for (const field of r?.fields ?? []) {
      if (field.dataTypeID === NAME_OID || field.dataTypeID === CHAR_OID) field.dataTypeID = TEXT_OID;
    }
    const typeColumn = r?.fields?.findIndex((f) => f.name === 'constraint_type') ?? -1;
    if (typeColumn >= 0 && r.rows) {
      r.rows = r.rows.filter(
        (row) => !UNMODELLED_CONSTRAINTS.has(String(Array.isArray(row) ? row[typeColumn] : (row as Record<string, unknown>).constraint_type)),
      );
      r.rowCount = r.rows.length;
    }
  }
  return result;
}

class CatalogSafeClient extends pg.Client {
  // pg's `query` has many overloads; this keeps every one of them and only retypes the result.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one signature standing for all of pg's overloads
  query(...args: unknown[]): any {
    const last = args[args.length - 1];
    if (typeof last === 'function') {
      const callback = last as (err: Error | null, res: unknown) => void;
      const rest = args.slice(0, -1);
      return (super.query as (...a: unknown[]) => unknown)(...rest, (err: Error | null, res: unknown) => callback(err, err ? res : retypeCatalogColumns(res)));
    }
    const out = (super.query as (...a: unknown[]) => unknown)(...args);
    if (out && typeof (out as Promise<unknown>).then === 'function') {
      return (out as Promise<unknown>).then(retypeCatalogColumns);
    }
    return out;
  }
}

function pool(connectionString: string): pg.Pool {
  const p = new pg.Pool({ connectionString, Client: CatalogSafeClient as unknown as typeof pg.Client });
  p.on('error', () => undefined); // an idle client dropped by the server is not an error here
  return p;
}

function withDatabase(connectionString: string, database: string): string {
  const url = new URL(connectionString);
  url.pathname = `/${database}`;
  return url.toString();
}

type ScriptAdapter = { executeScript(script: string): Promise<void>; underlyingDriver(): pg.Pool };

// adapter-pg splits a migration script on every ";" (so a PL/pgSQL body breaks it): send the
// script whole, as one simple-protocol query, which PostgreSQL runs as one implicit transaction.
function runScriptsWhole<T extends ScriptAdapter>(adapter: T): T {
  const onError = (adapter as unknown as { onError(e: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await adapter.underlyingDriver().query(script);
    } catch (error) {
      onError(error);
    }
  };
  return adapter;
}

export function migrationAdapter(connectionString: string): PrismaPg {
  const factory = new PrismaPg(pool(connectionString));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => runScriptsWhole(await connect());
  // Upstream builds the shadow pool as {...config, database}, where a connectionString wins over
  // `database` (so the "shadow" is the real database), and drops it before closing its pool.
  factory.connectToShadowDb = async () => {
    const name = `prisma_shadow_${randomUUID().replace(/-/g, '')}`;
    const admin = new pg.Client({ connectionString });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE "${name}"`);
    } finally {
      await admin.end();
    }
    const shadowPool = pool(withDatabase(connectionString, name));
    const adapter = runScriptsWhole(await new PrismaPg(shadowPool).connect());
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadowPool.end();
      const dropper = new pg.Client({ connectionString });
      await dropper.connect();
      try {
        await dropper.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await dropper.end();
      }
    };
    return adapter;
  };
  return factory;
}
