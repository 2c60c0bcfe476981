import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestPasswordReset, setPasswordWithToken } from '@/lib/account/set-password';
import { authenticate } from '@/lib/auth/authenticate';
import { actorForSession } from '@/lib/auth/session';
import { inviteUser } from '@/lib/user/invite-user';
import { changeUser } from '@/lib/user/manage-user';
import { seedDatabase } from '@/prisma/seed/seed-database';
import { actorOf as actorOfUser } from './support/actors';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';
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

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  await seedDatabase(testDatabaseUrl(), { seed: 2022, now: new Date('2026-11-23T09:00:00Z'), force: true, demoPassword: 'seeded-demo-password' });
  smtp = await startSmtpPeer();
  process.env.SMTP_URL = smtp.url;
  process.env.NEXTAUTH_URL = 'https://brokerage.example.org';
});

afterAll(async () => {
  delete process.env.SMTP_URL;
  await smtp.stop();
  await prisma.$disconnect();
});

const adminOf = (email: string) => actorOfUser(prisma, email);

describe('inviting a user', () => {
  it('emails a one-time link through SMTP that sets a password once, and the new user can sign in', async () => {
    const admin = await adminOf('admin@bradford.example');
    const { userId } = await inviteUser(prisma, admin, { kind: 'council', name: 'Nadia Broker', email: 'nadia@bradford.example', role: 'BROKER' }, '10.5.0.1');
    const created = await prisma.user.findUniqueOrThrow({ where: { id: userId } });
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

  it('refuses an address already in use, naming the field, and writes nothing', async () => {
    const admin = await adminOf('admin@bradford.example');
    const before = await prisma.user.count();
    await expect(
      inviteUser(prisma, admin, { kind: 'council', name: 'Copy', email: 'broker@kirkholme.example', role: 'BROKER' }, '10.5.0.1'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fieldErrors: { email: ['Someone already uses this email address'] },
    });
    expect(await prisma.user.count()).toBe(before);
  });
});

describe('resetting a password', () => {
  it('emails a link for a known address, says nothing for an unknown one, and the link works once', async () => {
    const sentBefore = smtp.received.length;
    await requestPasswordReset(prisma, 'nobody@nowhere.example', '10.6.0.1');
    expect(smtp.received.length).toBe(sentBefore);

    await requestPasswordReset(prisma, 'best@bradford.example', '10.6.0.1');
    const mail = smtp.received.at(-1)!;
    expect(mail.to).toEqual(['best@bradford.example']);
    const token = linkIn(mail.raw, 'reset-password');
    const user = await prisma.user.findUniqueOrThrow({ where: { email: 'best@bradford.example' } });

    await setPasswordWithToken(prisma, { token, purpose: 'PASSWORD_RESET', password: 'reset password please', confirm: 'reset password please' }, '10.6.0.2');
    // The reset ends the sessions that were open before it.
    expect(await actorForSession(prisma, { uid: user.id, sv: user.sessionVersion })).toBeNull();
    expect(await authenticate(prisma, { email: user.email, password: 'seeded-demo-password', ip: '10.6.0.3' })).toMatchObject({ ok: false });
    expect(await authenticate(prisma, { email: user.email, password: 'reset password please', ip: '10.6.0.3' })).toMatchObject({ ok: true });
    await expect(
      setPasswordWithToken(prisma, { token, purpose: 'PASSWORD_RESET', password: 'x'.repeat(12), confirm: 'x'.repeat(12) }, '10.6.0.2'),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe("a provider's manager", () => {
  it("invites and manages their own organisation's users only", async () => {
    const manager = await adminOf('provider@homefirst.example');
    const other = await adminOf('provider2@homefirst.example');
    expect(manager.providerManager).toBe(true);

    const { userId } = await inviteUser(prisma, manager, { kind: 'provider', name: 'Rota Lead', email: 'rota@provider.example', manager: false }, '10.9.0.1');
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId } })).toMatchObject({
      role: 'PROVIDER',
      providerId: manager.providerId,
      councilId: null,
      providerManager: false,
    });
    expect(smtp.received.some((m) => m.to.includes('rota@provider.example'))).toBe(true);

    await changeUser(prisma, manager, userId, { kind: 'manager', manager: true }, '10.9.0.1');
    expect((await prisma.user.findUniqueOrThrow({ where: { id: userId } })).providerManager).toBe(true);
    await expect(changeUser(prisma, manager, other.userId, { kind: 'disable' }, '10.9.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const councilStaff = await prisma.user.findUniqueOrThrow({ where: { email: 'broker@bradford.example' } });
    await expect(changeUser(prisma, manager, councilStaff.id, { kind: 'disable' }, '10.9.0.1')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    // A provider user who is not a manager cannot invite anyone.
    await expect(inviteUser(prisma, other, { kind: 'provider', name: 'X', email: 'x@provider.example', manager: false }, '10.9.0.1')).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
  });
});
