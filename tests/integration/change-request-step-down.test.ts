import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { setApprovalLimit } from '@/lib/approval/set-approval-rules';
import { decideChangeRequest } from '@/lib/change-request/decide-change-request';
import { requestChange } from '@/lib/change-request/request-change';
import { sendStepDownNotice, stepDown } from '@/lib/change-request/step-down';
import { JOB_SCHEMA, QUEUE } from '@/lib/jobs/queues';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { ensureQueues } from '@/lib/worker/job-queues';
import { londonDate } from '@/lib/time/london';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testAppDatabaseUrl, testDatabaseUrl, testPrisma } from './support/database';

// A temporary step-up steps back down by itself at its end: a durable pg-boss timer written with
// the approval, run once even when the worker running it is killed at that moment and another
// takes over (as in brokerage-worker.test.ts).

let prisma: PrismaClient;
let boss: PgBoss;
let fx: TFixture;
let approver: TCouncilActor;
const children: ChildProcess[] = [];
const DAY = 86_400_000;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  boss = new PgBoss({ connectionString: testDatabaseUrl(), schema: JOB_SCHEMA, supervise: false, schedule: false });
  await boss.start();
  await ensureQueues(boss);
  fx = await buildCouncil(prisma, { code: 'STP', localityProviders: 1 });
  const u = await prisma.user.create({ data: { email: 'approver@stp.example', name: 'Sam Approver', role: 'BROKER', councilId: fx.councilId } });
  approver = {
    userId: u.id,
    email: u.email,
    name: u.name,
    role: 'BROKER',
    councilId: fx.councilId,
    providerId: null,
    providerManager: false,
    mfaEnabled: false,
  };
  const admin = { ...approver, userId: u.id, role: 'ADMIN' as const };
  await setApprovalLimit(prisma, admin, { userId: u.id, yearlyLimit: 50_000 });
});

afterAll(async () => {
  for (const c of children) if (c.exitCode === null) killGroup(c);
  await boss.stop({ graceful: false, wait: true });
  await prisma.$disconnect();
});

function startWorkerProcess(name: string): ChildProcess {
  const child = spawn(path.resolve('node_modules/.bin/tsx'), ['--conditions=react-server', 'scripts/worker.ts'], {
    env: { ...process.env, DATABASE_URL: testAppDatabaseUrl(), WORKER_POLL_SECONDS: '0.5' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d: Buffer) => process.env.DEBUG_WORKER && console.log(name, d.toString().trim()));
  child.stderr?.on('data', (d: Buffer) => console.error(name, d.toString().trim()));
  children.push(child);
  return child;
}

function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    // already gone
  }
}

async function until(check: () => Promise<boolean>, timeoutMs: number) {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('timed out');
}

const iso = (ms: number) => londonDate(new Date(ms));

describe('a two-week step-up', () => {
  it('steps down by itself at its end, once, with the provider told beforehand, even with the worker killed around that moment', async () => {
    // Asked for and approved 15 days ago, for two weeks from 14 days ago: its first day back at
    // the care before is today, so its timer is due now.
    const asked = new Date(Date.now() - 15 * DAY);
    const saved = await saveDraftPackage(prisma, fx.broker, {
      draft: draftFor(fx, { serviceLines: [{ type: 'PERSONAL_CARE', hoursPerWeek: 3, startDate: iso(asked.getTime()) }] }),
    });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, asked);
    const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' } });
    const provider = fx.providerActor(offer.providerId);
    await acceptOffer(prisma, provider, { offerId: offer.id }, asked);
    const reference = (await prisma.package.findFirstOrThrow({ where: { id: saved.id } })).reference;
    const before = [{ days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '07:30', minutes: 60, carers: 1 as const }];
    const more = [...before, { days: ['TUE', 'THU'] as ('TUE' | 'THU')[], start: '07:30', minutes: 60, carers: 1 as const }];
    const startDate = iso(asked.getTime() + DAY);
    const lastDay = iso(asked.getTime() + 14 * DAY);
    const made = await requestChange(prisma, provider, { reference, reason: 'Two weeks of extra help after a fall', startDate, visits: more }, asked);
    const decided = await decideChangeRequest(prisma, approver, { changeRequestId: made.id, decision: 'APPROVED', lastDay }, asked);
    expect(decided).toMatchObject({ outcome: 'APPROVED', yearlyCost: 2184 });
    const jobs = await prisma.$queryRawUnsafe<{ state: string }[]>(`SELECT state::text FROM ${JOB_SCHEMA}.job WHERE name = $1`, QUEUE.stepDown);
    expect(jobs).toHaveLength(2);

    // Two workers in turn: A is killed straight after it starts, around the moment the timer falls due.
    const a = startWorkerProcess('worker A');
    await new Promise((r) => setTimeout(r, 2_500));
    const exited = new Promise((r) => a.once('exit', r));
    killGroup(a);
    await exited;
    const b = startWorkerProcess('worker B');
    await until(async () => (await prisma.changeRequest.findFirstOrThrow({ where: { id: made.id } })).steppedDownAt !== null, 45_000);
    // A late or repeated run changes nothing.
    expect(await stepDown(prisma, { councilId: fx.councilId, changeRequestId: made.id })).toEqual({ steppedDown: false });
    await new Promise((r) => setTimeout(r, 1_500));
    const bExited = new Promise((r) => b.once('exit', r));
    killGroup(b);
    await bExited;

    const lines = await prisma.serviceLine.findMany({ where: { packageId: saved.id }, orderBy: { startDate: 'asc' } });
    expect(lines.map((l) => [Number(l.hoursPerWeek), l.startDate.toISOString().slice(0, 10), l.endDate?.toISOString().slice(0, 10) ?? null])).toEqual([
      [3, iso(asked.getTime()), startDate],
      [5, startDate, iso(asked.getTime() + 15 * DAY)],
      [3, iso(asked.getTime() + 15 * DAY), null],
    ]);
    expect(lines[2].supersedesId).toBe(lines[1].id);
    expect(await prisma.auditEvent.count({ where: { entityId: made.id, action: 'change-request.stepped-down' } })).toBe(1);
    expect(await prisma.auditEvent.count({ where: { entityId: saved.id, action: 'package.changed' } })).toBe(2);
    // Told in advance: with the approval, when the increase ends; the reminder three days before
    // the end (due at once here, beside the step-down itself) goes at most once, never after it.
    const told = await prisma.notification.findFirstOrThrow({ where: { providerId: provider.providerId, kind: 'CHANGE_DECIDED' } });
    expect(told.body).toMatch(/until .+, then back to the care before/);
    expect(await prisma.notification.count({ where: { providerId: provider.providerId, kind: 'STEP_DOWN' } })).toBeLessThanOrEqual(1);
  }, 90_000);

  it('does not step down before its end, and reminds the provider once before it', async () => {
    const asked = new Date('2026-12-01T10:00:00Z');
    const saved = await saveDraftPackage(prisma, fx.broker, { draft: draftFor(fx) });
    await postPackage(prisma, fx.broker, { packageId: saved.id }, new Date('2026-11-20T10:00:00Z'));
    const [offer] = await prisma.offer.findMany({ where: { packageId: saved.id, status: 'OFFERED' } });
    const provider = fx.providerActor(offer.providerId);
    await acceptOffer(prisma, provider, { offerId: offer.id }, new Date('2026-11-20T10:00:00Z'));
    const reference = (await prisma.package.findFirstOrThrow({ where: { id: saved.id } })).reference;
    const visits = [
      { days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '07:30', minutes: 60, carers: 1 as const },
      { days: ['SAT'] as 'SAT'[], start: '09:00', minutes: 60, carers: 1 as const },
    ];
    const made = await requestChange(prisma, provider, { reference, reason: 'Weekend cover while family are away', startDate: '2026-12-05', visits }, asked);
    await decideChangeRequest(prisma, approver, { changeRequestId: made.id, decision: 'APPROVED', lastDay: '2026-12-18' }, asked);
    expect(await stepDown(prisma, { councilId: fx.councilId, changeRequestId: made.id }, new Date('2026-12-18T20:00:00Z'))).toEqual({ steppedDown: false });
    expect(await sendStepDownNotice(prisma, { councilId: fx.councilId, changeRequestId: made.id }, new Date('2026-12-16T00:00:00Z'))).toBe(true);
    expect(await sendStepDownNotice(prisma, { councilId: fx.councilId, changeRequestId: made.id }, new Date('2026-12-16T00:01:00Z'))).toBe(false);
    const notice = await prisma.notification.findFirstOrThrow({
      where: { providerId: provider.providerId, kind: 'STEP_DOWN', title: { startsWith: reference } },
    });
    expect(notice.body).toBe(
      `The increase agreed for ${reference} ends after 18 Dec 2026. From 19 Dec 2026 the visits and hours go back to what they were before.`,
    );
    expect(await stepDown(prisma, { councilId: fx.councilId, changeRequestId: made.id }, new Date('2026-12-19T00:00:00Z'))).toMatchObject({
      steppedDown: true,
    });
    expect((await prisma.serviceLine.findMany({ where: { packageId: saved.id }, orderBy: { startDate: 'asc' } })).map((l) => Number(l.hoursPerWeek))).toEqual([
      3, 4, 3,
    ]);
  });
});
