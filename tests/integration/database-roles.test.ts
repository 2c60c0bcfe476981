import type { PrismaClient } from '@prisma/client';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { grantAppAccess } from '@/lib/database/roles';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testAppDatabaseUrl, testDatabaseUrl, testPrisma } from './support/database';

// The app and the worker connect as a role that may read and write the app's rows and nothing
// more: the audit trail can be added to and read, never changed, emptied or have its trigger
// paused, whatever the app is made to run.

let prisma: PrismaClient;
let app: pg.Client;
let owner: pg.Client;
let fx: TFixture;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase();
  app = new pg.Client({ connectionString: testAppDatabaseUrl() });
  owner = new pg.Client({ connectionString: testDatabaseUrl() });
  await Promise.all([app.connect(), owner.connect()]);
  fx = await buildCouncil(prisma, { code: 'ROL', localityProviders: 1 });
});

afterAll(async () => {
  await Promise.all([app.end(), owner.end()]);
  await prisma.$disconnect();
});

/** The error a statement run as the app role fails with. */
async function refusal(sql: string): Promise<{ code?: string; message: string }> {
  const error = await app.query(sql).then(
    () => null,
    (e: { code?: string; message: string }) => e,
  );
  if (!error) throw new Error(`Expected the app role to be refused: ${sql}`);
  return { code: error.code, message: error.message };
}

const auditRows = async () => Number((await owner.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEvent"')).rows[0].n);

describe('the app role', () => {
  it('is not the owner and not a superuser', async () => {
    const { rows } = await app.query<{ user: string; superuser: boolean }>(
      'SELECT current_user AS user, rolsuper AS superuser FROM pg_roles WHERE rolname = current_user',
    );
    expect(rows[0]).toEqual({ user: 'homefirst_app', superuser: false });
    const { rows: owners } = await owner.query<{ owner: string }>(`SELECT tableowner AS owner FROM pg_tables WHERE tablename = 'AuditEvent'`);
    expect(owners[0].owner).not.toBe('homefirst_app');
  });

  it("does the app's normal writes, the audit events they record included", async () => {
    const before = await auditRows();
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, new Date());
    const posted = await prisma.package.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: saved.id } } });
    expect(posted.status).not.toBe('DRAFT');
    expect(await auditRows()).toBeGreaterThan(before);
    await prisma.package.update({ where: { councilId_id: { councilId: fx.councilId, id: saved.id } }, data: { notes: 'changed' } });
    const { rows } = await app.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEvent"');
    expect(Number(rows[0].n)).toBe(await auditRows());
  });

  it('is refused TRUNCATE, UPDATE and DELETE on the audit trail, and pausing its triggers', async () => {
    const rows = await auditRows();
    expect(rows).toBeGreaterThan(0);
    for (const sql of ['TRUNCATE "AuditEvent"', `UPDATE "AuditEvent" SET "action" = 'tampered'`, 'DELETE FROM "AuditEvent"']) {
      expect(await refusal(sql)).toEqual({ code: '42501', message: 'permission denied for table AuditEvent' });
    }
    for (const sql of [
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER ALL',
      'ALTER TABLE "AuditEvent" DISABLE TRIGGER "AuditEvent_append_only"',
      'DROP TABLE "AuditEvent"',
    ]) {
      expect(await refusal(sql)).toEqual({ code: '42501', message: 'must be owner of table AuditEvent' });
    }
    expect(await auditRows()).toBe(rows);
    const { rows: trigger } = await owner.query<{ enabled: string }>(`SELECT tgenabled AS enabled FROM pg_trigger WHERE tgname = 'AuditEvent_append_only'`);
    expect(trigger[0].enabled).toBe('O');
  });

  it("is refused TRUNCATE and changes to the definition of the app's other tables and the job queues", async () => {
    expect(await refusal('TRUNCATE "Package" CASCADE')).toEqual({ code: '42501', message: 'permission denied for table Package' });
    expect(await refusal('ALTER TABLE "Visit" DISABLE TRIGGER "Visit_first_start_to_package"')).toEqual({
      code: '42501',
      message: 'must be owner of table Visit',
    });
    expect(await refusal('CREATE TABLE "Mine" (n int)')).toEqual({ code: '42501', message: 'permission denied for schema public' });
    expect(await refusal('TRUNCATE pgboss.job')).toEqual({ code: '42501', message: 'permission denied for table job' });
    expect(await refusal(`SELECT pgboss.create_queue('made-by-the-app', '{}')`)).toMatchObject({
      code: '42501',
      message: 'permission denied for schema pgboss',
    });
    expect(await refusal('DELETE FROM "_prisma_migrations"')).toEqual({ code: '42501', message: 'permission denied for table _prisma_migrations' });
  });

  it('may read and write a table a later migration adds, but not empty it', async () => {
    await owner.query('CREATE TABLE "LaterTable" ("id" BIGSERIAL PRIMARY KEY, "note" text)');
    try {
      await app.query(`INSERT INTO "LaterTable" ("note") VALUES ('written by the app')`);
      expect((await app.query('SELECT "note" FROM "LaterTable"')).rows).toEqual([{ note: 'written by the app' }]);
      expect(await refusal('TRUNCATE "LaterTable"')).toEqual({ code: '42501', message: 'permission denied for table LaterTable' });
    } finally {
      await owner.query('DROP TABLE "LaterTable"');
    }
  });

  it('keeps its limits when the grants are run again, as after every migration', async () => {
    await grantAppAccess(testDatabaseUrl(), testAppDatabaseUrl());
    expect(await refusal('DELETE FROM "AuditEvent"')).toEqual({ code: '42501', message: 'permission denied for table AuditEvent' });
    const { rows } = await app.query<{ n: string }>('SELECT count(*) AS n FROM "AuditEvent"');
    expect(Number(rows[0].n)).toBeGreaterThan(0);
  });
});
