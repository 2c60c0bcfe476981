import pg from 'pg';

// Two database roles. The owner owns the schema: it runs the migrations, the seed and the set-up of
// the job queues (pg-boss creates tables). The app role is what the app and the worker connect as:
// it reads and writes the app's rows and the job queues' rows, and nothing more. It cannot
// TRUNCATE a table, change its definition or pause its triggers, and of the audit trail it may
// only add rows and read them.

/** The app role the embedded server makes for itself. */
const EMBEDDED_APP_USER = 'homefirst_app';
const EMBEDDED_APP_PASSWORD = 'homefirst-app-local';

/** The schema pg-boss keeps its job tables in (lib/jobs/queues.ts JOB_SCHEMA). */
const JOB_SCHEMA = 'pgboss';

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** The URL of `url`'s database for another user. */
function urlAs(url: string, user: string, password: string): string {
  const next = new URL(url);
  next.username = encodeURIComponent(user);
  next.password = encodeURIComponent(password);
  return next.toString();
}

/** The user a database URL connects as. */
export function userOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Makes the local (embedded or test) server's app role (a login with no special rights) if it is missing, through
 * the superuser at `adminUrl`, and returns the URL of `ownerUrl`'s database as that role.
 */
export async function ensureLocalAppRole(adminUrl: string, ownerUrl: string): Promise<string> {
  await withClient(adminUrl, async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [EMBEDDED_APP_USER]);
    const rights = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
    try {
      await client.query(`${rowCount ? 'ALTER' : 'CREATE'} ROLE ${ident(EMBEDDED_APP_USER)} WITH ${rights} PASSWORD ${literal(EMBEDDED_APP_PASSWORD)}`);
    } catch (error) {
      // Two processes starting at once: the other made it first.
      if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42710') throw error;
    }
  });
  return urlAs(ownerUrl, EMBEDDED_APP_USER, EMBEDDED_APP_PASSWORD);
}

/**
 * The grants the app role needs, run as the owner after every migration and job-queue set-up
 * (idempotent). Tables and sequences the owner makes later are granted by default as well, so a
 * table a new migration adds is usable at once; this step then puts the audit trail's limits back.
 */
function appGrantsSql(database: string, appRole: string, jobSchemaExists: boolean): string[] {
  const app = ident(appRole);
  const rows = 'SELECT, INSERT, UPDATE, DELETE';
  const schemas = ['public', ...(jobSchemaExists ? [JOB_SCHEMA] : [])];
  return [
    `GRANT CONNECT ON DATABASE ${ident(database)} TO ${app}`,
    ...schemas.flatMap((schema) => [
      `GRANT USAGE ON SCHEMA ${ident(schema)} TO ${app}`,
      `GRANT ${rows} ON ALL TABLES IN SCHEMA ${ident(schema)} TO ${app}`,
      `REVOKE TRUNCATE, REFERENCES, TRIGGER ON ALL TABLES IN SCHEMA ${ident(schema)} FROM ${app}`,
      `GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA ${ident(schema)} TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${ident(schema)} GRANT ${rows} ON TABLES TO ${app}`,
      `ALTER DEFAULT PRIVILEGES IN SCHEMA ${ident(schema)} GRANT USAGE, SELECT ON SEQUENCES TO ${app}`,
    ]),
    // The audit trail: added to and read, never changed or emptied.
    `REVOKE UPDATE, DELETE, TRUNCATE ON "AuditEvent" FROM ${app}`,
    // Migrations are the owner's business.
    `REVOKE ALL ON "_prisma_migrations" FROM ${app}`,
  ];
}

/**
 * Grants the app role (the user of `appUrl`) what it needs on the owner's database. Nothing to do
 * when both URLs name the same user (an external database with no DATABASE_OWNER_URL).
 */
export async function grantAppAccess(ownerUrl: string, appUrl: string): Promise<void> {
  const appRole = userOf(appUrl);
  if (appRole === userOf(ownerUrl)) return;
  await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ database: string; jobs: boolean }>('SELECT current_database() AS database, to_regnamespace($1) IS NOT NULL AS jobs', [
      JOB_SCHEMA,
    ]);
    await client.query('BEGIN');
    for (const statement of appGrantsSql(rows[0].database, appRole, rows[0].jobs)) await client.query(statement);
    await client.query('COMMIT');
  });
}
