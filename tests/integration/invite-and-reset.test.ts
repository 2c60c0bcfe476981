import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { requestPasswordReset, setPasswordWithToken } from '@/lib/account/set-password';
import { searchAudit, ZAuditSearchSchema } from '@/lib/audit/search-audit';
import { authenticate } from '@/lib/auth/authenticate';
import type { TCouncilActor } from '@/lib/auth/permissions';
import type { AppError } from '@/lib/errors/app-error';
import { actorForSession } from '@/lib/auth/session';
import { inviteUser } from '@/lib/user/invite-user';
import { changeUser } from '@/lib/user/manage-user';
import { startWorker, type TWorker } from '@/lib/worker/start-worker';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { actorOf as actorOfUser } from './support/actors';
import { resetDatabase, testAppDatabaseUrl, testDatabaseUrl, testPrisma } from './support/database';
import { startSmtpPeer } from './support/smtp-peer';

let prisma: PrismaClient;
let smtp: Awaited<ReturnType<typeof startSmtpPeer>>;

// Bodies arrive quoted-printable: soft line breaks and "=" escapes undone.
const unfold = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
const linkIn = (raw: string, path: string) => {
  const match = unfold(raw).match(new RegExp(`/${path}/([A-Za-z0-9_-]{20,})`));
  if (!match) throw new Error(`no ${path} link in:\n${raw}`);
  return match[1];
};

let worker: TWorker;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date('2026-11-23T09:00:00Z'), force: true, demoPassword: 'seeded-demo-password' });
  smtp = await startSmtpPeer();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = 'https://brokerage.example.org';
  // Reset links are sent by the worker, from its queue.
  worker = await startWorker({ databaseUrl: testAppDatabaseUrl(), prisma, pollingIntervalSeconds: 0.5, log: () => undefined });
});

afterAll(async () => {
  await worker.stop();
  delete process.env.SMTP_URL;
  await smtp.stop();
  await prisma.$disconnect();
});

/** The first email to `to` received after the first `after`, waiting for the worker to send it. */
async function mailFor(to: string, after: number) {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    const mail = smtp.received.slice(after).find((m) => m.to.includes(to));
    if (mail) return mail;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no email to ${to}`);
}

const adminOf = (email: string) => actorOfUser(prisma, email);

describe('inviting a user', () => {
  it('emails a one-time link through SMTP that sets a password once, and the new user can sign in', async () => {
    const admin = await adminOf('admin@bradford.example');
    const { userId } = await inviteUser(prisma, admin, { kind: 'council', name: 'Nadia Broker', email: 'nadia@bradford.example', role: 'BROKER' }, '10.5.0.1');
    const created = await prisma.user.findUniqueOrThrow({ where: { id: userId! } });
    expect(created).toMatchObject({ councilId: admin.councilId, role: 'BROKER', passwordHash: null });

    const mail = smtp.received.find((m) => m.to.includes('nadia@bradford.example'));
    expect(mail?.raw).toContain('Subject: You have been invited to HomeFirst Brokerage');
    expect(unfold(mail!.raw)).toContain('https://brokerage.example.org/set-password/');
    const token = linkIn(mail!.raw, 'set-password');

    await setPasswordWithToken(prisma, { token, purpose: 'INVITE', password: 'a long new password', confirm: 'a long new password' }, '10.5.0.2');
    expect(await authenticate(prisma, { email: 'nadia@bradford.example', password: 'a long new password', ip: '10.5.0.3' })).toMatchObject({ ok: true });
    await expect(
      setPasswordWithToken(prisma, { token, purpose: 'INVITE', password: 'another long password', confirm: 'another long password' }, '10.5.0.2'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await prisma.auditEvent.count({ where: { entityId: userId, action: { in: ['user.invited', 'user.password-set'] } } })).toBe(2);
  });

  it("refuses an address one of the admin's own users has, naming the field, and writes nothing", async () => {
    const admin = await adminOf('admin@bradford.example');
    const before = await prisma.user.count();
    await expect(
      inviteUser(prisma, admin, { kind: 'council', name: 'Copy', email: 'broker@bradford.example', role: 'BROKER' }, '10.5.0.1'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { email: ['Someone already uses this email address'] },
    });
    expect(await prisma.user.count()).toBe(before);
  });

  it("does not tell an admin whether an address has an account in another council: it answers as an invitation, and tells the address's owner", async () => {
    const admin = await adminOf('admin@bradford.example');
    const before = await prisma.user.count();
    const elsewhere = await inviteUser(prisma, admin, { kind: 'council', name: 'Copy', email: 'broker@kirkholme.example', role: 'BROKER' }, '10.5.0.1');
    expect(elsewhere).toEqual({ userId: null });
    expect(await prisma.user.count()).toBe(before);
    expect(await prisma.user.findUniqueOrThrow({ where: { email: 'broker@kirkholme.example' } })).toMatchObject({
      role: 'BROKER',
      name: expect.not.stringMatching('Copy'),
    });
    // Its owner hears of it, with no link that sets a password.
    const mail = smtp.received.filter((m) => m.to.includes('broker@kirkholme.example')).at(-1);
    expect(unfold(mail!.raw)).toContain('already has an account');
    expect(unfold(mail!.raw)).not.toContain('/set-password/');
    // Nothing in the admin's own audit trail tells them either.
    const trail = await searchAudit(prisma, admin as TCouncilActor, ZAuditSearchSchema.parse({ action: 'user.invite' }));
    expect(trail.events.filter((e) => e.entityId === (elsewhere.userId ?? 'none'))).toEqual([]);
    expect(trail.events.map((e) => e.action)).not.toContain('user.invite-existing');
  });
});

describe('resetting a password', () => {
  it('answers alike for a known and an unknown address, and the worker emails the link to the known one only; the link works once', async () => {
    const sentBefore = smtp.received.length;
    expect(await requestPasswordReset(prisma, 'nobody@nowhere.example', '10.6.0.1')).toBeUndefined();
    expect(await requestPasswordReset(prisma, 'best@bradford.example', '10.6.0.1')).toBeUndefined();
    const mail = await mailFor('best@bradford.example', sentBefore);
    expect(smtp.received.slice(sentBefore).filter((m) => m.to.includes('nobody@nowhere.example'))).toEqual([]);
    const token = linkIn(mail.raw, 'reset-password');
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'best@bradford.example' } });
    expect(await prisma.auditEvent.count({ where: { action: 'user.password-reset-requested', entityId: user.id, ip: '10.6.0.1' } })).toBe(1);

    await setPasswordWithToken(prisma, { token, purpose: 'PASSWORD_RESET', password: 'reset password please', confirm: 'reset password please' }, '10.6.0.2');
    // The reset ends the sessions that were open before it.
    expect(await actorForSession(prisma, { uid: user.id, sv: user.sessionVersion })).toBeNull();
    expect(await authenticate(prisma, { email: user.email, password: 'seeded-demo-password', ip: '10.6.0.3' })).toMatchObject({ ok: false });
    expect(await authenticate(prisma, { email: user.email, password: 'reset password please', ip: '10.6.0.3' })).toMatchObject({ ok: true });
    await expect(
      setPasswordWithToken(prisma, { token, purpose: 'PASSWORD_RESET', password: 'x'.repeat(12), confirm: 'x'.repeat(12) }, '10.6.0.2'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('answers a known address without error even when email cannot be sent from here', async () => {
    vi.stubEnv('SMTP_URL', '');
    vi.stubEnv('NODE_ENV', 'production');
    try {
      await expect(requestPasswordReset(prisma, 'commissioner@kirkholme.example', '10.6.1.1')).resolves.toBeUndefined();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('takes about as long for a known address as for an unknown one', async () => {
    const known = ['admin@kirkholme.example', 'best@kirkholme.example', 'commissioner@bradford.example', 'broker@bradford.example', 'admin@bradford.example'];
    const timings = { known: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < known.length; i++) {
      for (const [kind, email] of [
        ['known', known[i]],
        ['unknown', `nobody-${i}@nowhere.example`],
      ] as const) {
        const start = performance.now();
        await requestPasswordReset(prisma, email, `10.6.2.${i}`);
        timings[kind].push(performance.now() - start);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(`reset request median: known ${median(timings.known).toFixed(1)} ms, unknown ${median(timings.unknown).toFixed(1)} ms`);
    // The same work either way: nothing in the request looks the address up or sends anything.
    expect(median(timings.known)).toBeLessThan(median(timings.unknown) * 2 + 5);
  });

  it('refuses more than a few requests for one address, known or not, and many from one client address', async () => {
    for (const email of ['broker@kirkholme.example', 'nobody-else@nowhere.example']) {
      const outcomes: string[] = [];
      for (let i = 0; i < 15; i++) {
        outcomes.push(
          await requestPasswordReset(prisma, email, `10.6.3.${i}`).then(
            () => 'accepted',
            (e: AppError) => `${e.code}: ${e.fieldErrors?.email?.[0]}`,
          ),
        );
      }
      expect(outcomes.slice(0, 4)).toEqual(Array(4).fill('accepted'));
      expect(outcomes.slice(4)).toEqual(Array(11).fill('RATE_LIMITED: Too many reset links have been asked for. Wait 15 minutes and try again.'));
    }
    const fromOne: string[] = [];
    for (let i = 0; i < 25; i++)
      fromOne.push(
        await requestPasswordReset(prisma, `someone-${i}@nowhere.example`, '10.6.4.1').then(
          () => 'accepted',
          (e: AppError) => e.code,
        ),
      );
    expect(fromOne.filter((o) => o === 'accepted')).toHaveLength(21);
    expect(fromOne.slice(21)).toEqual(Array(4).fill('RATE_LIMITED'));
  });
});

describe("a provider's manager", () => {
  it("invites and manages their own organisation's users only", async () => {
    const manager = await adminOf('provider@homefirst.example');
    const other = await adminOf('provider2@homefirst.example');
    expect(manager.providerManager).toBe(true);

    const { userId } = await inviteUser(prisma, manager, { kind: 'provider', name: 'Rota Lead', email: 'rota@provider.example', manager: false }, '10.9.0.1');
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId! } })).toMatchObject({
      role: 'PROVIDER',
      providerId: manager.providerId,
      councilId: null,
      providerManager: false,
    });
    expect(smtp.received.some((m) => m.to.includes('rota@provider.example'))).toBe(true);

    await changeUser(prisma, manager, userId!, { kind: 'manager', manager: true }, '10.9.0.1');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId! } })).providerManager).toBe(true);
    await expect(changeUser(prisma, manager, other.userId, { kind: 'disable' }, '10.9.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const councilStaff = await prisma.user.findUniqueOrThrow({ where: { email: 'broker@bradford.example' } });
    await expect(changeUser(prisma, manager, councilStaff.id, { kind: 'disable' }, '10.9.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A provider user who is not a manager cannot invite anyone.
    await expect(inviteUser(prisma, other, { kind: 'provider', name: 'X', email: 'x@provider.example', manager: false }, '10.9.0.1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
