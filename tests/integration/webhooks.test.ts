import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { acceptOffer } from '@/lib/offer/accept-offer';
import { postPackage } from '@/lib/package/post-package';
import { saveDraftPackage } from '@/lib/package/save-draft-package';
import { receiveReferral } from '@/lib/referral/receive-referral';
import { triageReferral } from '@/lib/referral/triage-referral';
import { createWebhookSubscription, replayWebhookDelivery } from '@/lib/webhook/manage-webhooks';
import { verifySignature } from '@/lib/webhook/webhook-events';
import { startWorker, type TWorker } from '@/lib/worker/start-worker';
import { buildCouncil, draftFor, nextNhsNumber, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testAppDatabaseUrl, testPrisma } from './support/database';

// Signed webhooks, end to end: real changes write the outbox in their own transactions, the real
// worker queues and posts each delivery, and a real HTTP server receives them.

type TReceived = { path: string; headers: http.IncomingHttpHeaders; body: string; answered: number };

let prisma: PrismaClient;
let fx: TFixture;
let worker: TWorker;
let server: http.Server;
let base: string;
const received: TReceived[] = [];
/** Delivery ids the receiver has answered 500 to once already. */
const failedOnce = new Set<string>();
const secrets: Record<string, string> = {};

async function waitFor<T>(what: string, check: () => T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > until)
      throw new Error(`timed out waiting for ${what}; received ${JSON.stringify(received.map((r) => [r.path, r.headers['homefirst-event'], r.answered]))}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const ok = (path: string) => received.filter((r) => r.path === path && r.answered === 200);
const types = (path: string) => ok(path).map((r) => r.headers['homefirst-event'] as string);

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildCouncil(prisma, { code: 'WHK', localityProviders: 2 });
  await prisma.postcodeDistrict.create({ data: { councilId: fx.councilId, code: 'BD1', localityId: fx.localities.l1 } });
  // The receiver: provider A's endpoint fails the first try of its first delivery.
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const id = String(req.headers['homefirst-delivery']);
      const fail = req.url === '/a' && failedOnce.size === 0;
      if (fail) failedOnce.add(id);
      const answered = fail ? 500 : 200;
      received.push({ path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), answered });
      res.writeHead(answered).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const adminUser = await prisma.user.create({
    data: { email: 'admin@whk.example', name: 'Ada Admin', role: 'ADMIN', councilId: fx.councilId, mfaEnabled: true },
  });
  const admin: TCouncilActor & { role: 'ADMIN' } = {
    userId: adminUser.id,
    email: adminUser.email,
    name: adminUser.name,
    role: 'ADMIN',
    councilId: fx.councilId,
    providerId: null,
    providerManager: false,
    mfaEnabled: true,
  };
  const [a, b] = fx.locality;
  secrets.a = (
    await createWebhookSubscription(
      prisma,
      { ...fx.providerActor(a), providerManager: true },
      { url: `${base}/a`, events: ['offer.made', 'offer.withdrawn', 'placement.awarded', 'placement.changed', 'placement.ended'] },
    )
  ).secret;
  secrets.b = (
    await createWebhookSubscription(
      prisma,
      { ...fx.providerActor(b), providerManager: true },
      { url: `${base}/b`, events: ['offer.made', 'offer.withdrawn', 'placement.awarded', 'placement.changed', 'placement.ended'] },
    )
  ).secret;
  secrets.council = (
    await createWebhookSubscription(prisma, admin, {
      url: `${base}/council`,
      events: ['offer.made', 'offer.withdrawn', 'placement.awarded', 'referral.status'],
    })
  ).secret;

  worker = await startWorker({ databaseUrl: testAppDatabaseUrl(), prisma, pollingIntervalSeconds: 0.5, webhookRetryDelaySeconds: 1, log: () => undefined });
});

afterAll(async () => {
  await worker?.stop();
  await new Promise((resolve) => server.close(resolve));
  await prisma.$disconnect();
});

describe('webhooks out', () => {
  let nhsNumber: string;

  it('sends each event once, signed, to the council and to each provider only its own, retrying after a 500', async () => {
    const [a, b] = fx.locality;
    const draft = draftFor(fx);
    nhsNumber = draft.person.nhsNumber;
    const saved = await saveDraftPackage(prisma, fx.broker, { draft });
    const posted = await postPackage(prisma, fx.broker, { packageId: saved.id, expectedVersion: saved.version });
    expect(posted.offers).toBeGreaterThanOrEqual(2);
    await waitFor('both offers at both providers', () => types('/a').includes('offer.made') && types('/b').includes('offer.made'));

    const offerA = await prisma.offer.findFirstOrThrow({ where: { packageId: saved.id, providerId: a } });
    await acceptOffer(prisma, fx.providerActor(a), { offerId: offerA.id });
    await waitFor(
      'the award and the withdrawal',
      () => types('/a').includes('placement.awarded') && types('/b').includes('offer.withdrawn') && types('/council').includes('placement.awarded'),
    );
    // Let any stray or repeated delivery arrive before counting.
    await new Promise((r) => setTimeout(r, 2000));

    // Each provider hears only events about itself: B never hears of A's offer or its award.
    expect(types('/a').sort()).toEqual(['offer.made', 'placement.awarded']);
    expect(types('/b').sort()).toEqual(['offer.made', 'offer.withdrawn']);
    for (const r of ok('/b')) expect((JSON.parse(r.body) as { data: { offer: { providerId: string } } }).data.offer.providerId).toBe(b);
    // The council hears every offer and the award.
    expect(types('/council').filter((t) => t === 'offer.made')).toHaveLength(posted.offers);
    expect(types('/council')).toContain('offer.withdrawn');

    // Every delivery is signed with its subscription's secret over the exact body, and each event is received once.
    for (const [path, secret] of [
      ['/a', secrets.a],
      ['/b', secrets.b],
      ['/council', secrets.council],
    ] as const) {
      const ids = ok(path).map((r) => r.headers['homefirst-delivery']);
      expect(new Set(ids).size).toBe(ids.length);
      for (const r of received.filter((x) => x.path === path)) {
        expect(verifySignature(secret, String(r.headers['homefirst-signature']), r.body)).toBe(true);
        expect(verifySignature(secrets.b === secret ? secrets.a : secrets.b, String(r.headers['homefirst-signature']), r.body)).toBe(false);
        expect((JSON.parse(r.body) as { id: string }).id).toBe(r.headers['homefirst-delivery']);
      }
    }

    // A's first delivery was answered 500, tried again with the same id and body, and is logged as delivered on the second attempt.
    const [failedId] = [...failedOnce];
    const tries = received.filter((r) => r.headers['homefirst-delivery'] === failedId);
    expect(tries.map((r) => r.answered)).toEqual([500, 200]);
    expect(tries[1].body).toBe(tries[0].body);
    expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: failedId } })).toMatchObject({
      status: 'DELIVERED',
      attempts: 2,
      lastStatusCode: 200,
      lastError: null,
    });
  });

  it('sends nothing personal before award, and names the person to the provider awarded', async () => {
    const person = await prisma.person.findUniqueOrThrow({ where: { councilId_nhsNumber: { councilId: fx.councilId, nhsNumber } } });
    const personal = [
      person.nhsNumber,
      person.givenName,
      person.familyName,
      person.postcode,
      person.addressLine1,
      person.dateOfBirth.toISOString().slice(0, 10),
    ];
    const offerBodies = received.filter((r) => String(r.headers['homefirst-event']).startsWith('offer.'));
    expect(offerBodies.length).toBeGreaterThanOrEqual(4);
    for (const r of offerBodies) for (const value of personal) expect(r.body).not.toContain(value);
    const award = ok('/a').find((r) => r.headers['homefirst-event'] === 'placement.awarded')!;
    expect(JSON.parse(award.body)).toMatchObject({
      type: 'placement.awarded',
      data: { person: { nhsNumber, familyName: person.familyName }, placement: { providerId: fx.locality[0] } },
    });
  });

  it('tells the council of a referral’s triage decision, and a logged delivery can be sent again', async () => {
    const view = await receiveReferral(
      prisma,
      fx.broker,
      {
        person: {
          nhsNumber: nextNhsNumber(),
          givenName: 'Edith',
          familyName: 'Clarke',
          dateOfBirth: '1941-03-02',
          addressLine1: '3 Mill Lane',
          town: 'Bradford',
          postcode: 'BD1 2AB',
        },
        care: { pathway: 'LONG_TERM', startDate: '2026-12-14', visits: [{ days: ['MON'], start: '08:00', minutes: 45, carers: 1 }] },
      },
      'JSON',
    );
    await triageReferral(prisma, fx.broker, { referralId: view.id, decision: 'REJECT', message: 'Not eligible' });
    const event = await waitFor('the referral status event', () => ok('/council').find((r) => r.headers['homefirst-event'] === 'referral.status'));
    expect(JSON.parse(event.body)).toMatchObject({ data: { referral: { id: view.id, status: 'REJECTED', decision: { message: 'Not eligible' } } } });
    expect(types('/a')).not.toContain('referral.status');

    const deliveryId = String(event.headers['homefirst-delivery']);
    const admin = {
      userId: fx.broker.userId,
      email: 'x',
      name: 'x',
      role: 'ADMIN' as const,
      councilId: fx.councilId,
      providerId: null,
      providerManager: false as const,
      mfaEnabled: true,
    };
    await replayWebhookDelivery(prisma, admin, deliveryId);
    await waitFor('the replay', () => ok('/council').filter((r) => r.headers['homefirst-delivery'] === deliveryId).length === 2);
    const [first, again] = ok('/council').filter((r) => r.headers['homefirst-delivery'] === deliveryId);
    expect(again.body).toBe(first.body);
    // A provider cannot replay the council's deliveries.
    await expect(replayWebhookDelivery(prisma, { ...fx.providerActor(fx.locality[0]), providerManager: true }, deliveryId)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
