import { randomUUID } from 'node:crypto';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApiToken } from '@/lib/auth/api-token';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { listTriageQueue } from '@/lib/referral/list-referrals';
import { triageReferral } from '@/lib/referral/triage-referral';
import { buildCouncil, nextNhsNumber, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testAppDatabaseUrl, testPrisma } from './support/database';

// The council's social-care record refers people with its own API token (made by an
// administrator, with only the referral scope), as JSON or as a FHIR R4 Bundle; brokers triage
// the referrals, and the record reads each decision back.
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => null }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;
let prisma: PrismaClient;
let fx: TFixture;
let token: string;
const routes: Record<string, Record<string, Handler>> = {};

async function call(method: string, route: string, url: string, body?: unknown, params: Record<string, string> = {}, bearer = token) {
  const response = await routes[route][method](
    new Request(`http://localhost${url}`, {
      method,
      headers: { authorization: `Bearer ${bearer}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    }),
    { params: Promise.resolve(params) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

const visits = [{ days: ['MON', 'WED', 'FRI'], start: '08:00', minutes: 45, carers: 1 }];

function referral(person: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    referrerReference: `MOSAIC-${randomUUID().slice(0, 8)}`,
    person: {
      givenName: 'Edith',
      familyName: 'Clarke',
      dateOfBirth: '1941-03-02',
      addressLine1: '3 Mill Lane',
      town: 'Bradford',
      postcode: 'BD1 2AB',
      ...person,
    },
    care: { pathway: 'LONG_TERM', startDate: '2026-12-14', visits, notes: 'Lives alone' },
    ...extra,
  };
}

function fhirBundle(nhsNumber: string, recordId = `LAS-${randomUUID().slice(0, 6)}`) {
  return {
    resourceType: 'Bundle',
    type: 'transaction',
    entry: [
      {
        fullUrl: 'urn:uuid:9a1c6e2e-5d0a-4c3f-9b0e-1d2c3b4a5f60',
        resource: {
          resourceType: 'Patient',
          identifier: [
            { system: 'https://fhir.nhs.uk/Id/nhs-number', value: nhsNumber },
            { system: 'https://las.example-council.gov.uk/person-id', value: recordId },
          ],
          name: [{ use: 'official', family: 'Okafor', given: ['Grace'] }],
          birthDate: '1938-07-19',
          address: [{ line: ['12 Canal Road'], city: 'Bradford', postalCode: 'BD1 4QQ' }],
        },
      },
      {
        resource: {
          resourceType: 'ServiceRequest',
          identifier: [{ system: 'https://las.example-council.gov.uk/referral', value: 'REF-77' }],
          status: 'active',
          intent: 'order',
          category: [{ coding: [{ system: 'https://homefirst.uk/fhir/CodeSystem/pathway', code: 'reablement' }] }],
          subject: { reference: 'urn:uuid:9a1c6e2e-5d0a-4c3f-9b0e-1d2c3b4a5f60' },
          occurrenceTiming: {
            repeat: {
              boundsPeriod: { start: '2026-12-15' },
              dayOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
              timeOfDay: ['07:30:00', '17:00:00'],
              duration: 30,
              durationUnit: 'min',
            },
          },
          note: [{ text: 'Discharged home last week' }],
        },
      },
    ],
  };
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  // The route handlers use the app's own client, as the app role.
  process.env.DATABASE_URL = testAppDatabaseUrl();
  fx = await buildCouncil(prisma, { code: 'REF', localityProviders: 1 });
  await prisma.postcodeDistrict.createMany({ data: ['BD1'].map((code) => ({ councilId: fx.councilId, code, localityId: fx.localities.l1 })) });
  for (const [name, path] of [
    ['referrals', '@/app/api/v1/referrals/route'],
    ['fhir', '@/app/api/v1/referrals/fhir/route'],
    ['referral', '@/app/api/v1/referrals/[id]/route'],
    ['packages', '@/app/api/v1/packages/route'],
  ] as const)
    routes[name] = (await import(path)) as Record<string, Handler>;
  // An administrator mints the record system's token: it acts as a broker, with only the referral scope.
  const adminUser = await prisma.user.create({
    data: { email: 'admin@ref.example', name: 'Ada Admin', role: 'ADMIN', councilId: fx.councilId, mfaEnabled: true },
  });
  const admin: TCouncilActor = {
    userId: adminUser.id,
    email: adminUser.email,
    name: adminUser.name,
    role: 'ADMIN',
    councilId: fx.councilId,
    providerId: null,
    providerManager: false,
    mfaEnabled: true,
  };
  token = (await createApiToken(prisma, admin, { name: 'Mosaic', role: 'BROKER', scopes: ['referral:submit'], expiresInDays: 30 }, '10.0.0.1')).token;
});

afterAll(async () => {
  await prisma.$disconnect();
});

describe('referrals in', () => {
  it('the record system’s token may refer people but not read packages', async () => {
    expect((await call('GET', 'packages', '/api/v1/packages')).status).toBe(403);
  });

  it('matches a referral for a known NHS number to the person on record, showing where details differ', async () => {
    const nhsNumber = nextNhsNumber();
    const known = await prisma.person.create({
      data: {
        councilId: fx.councilId,
        givenName: 'Edith',
        familyName: 'Clarke-Smith',
        dateOfBirth: new Date('1941-03-02'),
        nhsNumber,
        addressLine1: '3 Mill Lane',
        town: 'Bradford',
        postcode: 'BD1 2AB',
        localityId: fx.localities.l1,
      },
    });
    const { status, json } = await call('POST', 'referrals', '/api/v1/referrals', referral({ nhsNumber, externalId: 'MOS-1001' }));
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'RECEIVED', match: { by: 'NHS_NUMBER', confidence: 'HIGH', differingFields: ['familyName'] }, decision: null });
    const row = await prisma.referral.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: json.id } } });
    expect(row.personId).toBe(known.id);
    expect(await prisma.person.count({ where: { councilId: fx.councilId, nhsNumber } })).toBe(1);
    // The record's own id is learnt, so the next referral can be matched by it alone.
    const again = await call('POST', 'referrals', '/api/v1/referrals', referral({ externalId: 'MOS-1001', familyName: 'Clarke-Smith' }));
    expect(again.json.match).toEqual({ by: 'EXTERNAL_ID', confidence: 'HIGH', differingFields: [] });
    // The broker sees the match and what differs, with the values on both sides.
    const queue = await listTriageQueue(prisma, fx.broker);
    const queued = queue.referrals.find((r) => r.id === json.id)!;
    expect(queued).toMatchObject({ matchedBy: 'NHS_NUMBER', confidence: 'HIGH', person: { id: known.id } });
    expect(queued.differences).toEqual([{ field: 'familyName', referral: 'Clarke', record: 'Clarke-Smith' }]);
  });

  it('records a new person for an NHS number no one has, in the locality of their postcode', async () => {
    const nhsNumber = nextNhsNumber();
    const { status, json } = await call('POST', 'referrals', '/api/v1/referrals', referral({ nhsNumber }));
    expect(status).toBe(200);
    expect(json.match).toEqual({ by: 'NEW_PERSON', confidence: 'NEW_PERSON', differingFields: [] });
    const person = await prisma.person.findUniqueOrThrow({ where: { councilId_nhsNumber: { councilId: fx.councilId, nhsNumber } } });
    expect(person).toMatchObject({ givenName: 'Edith', familyName: 'Clarke', postcode: 'BD1 2AB', localityId: fx.localities.l1 });
  });

  it('sent twice with one Idempotency-Key, makes one referral and one person', async () => {
    const body = referral({ nhsNumber: nextNhsNumber() });
    const send = () =>
      routes.referrals.POST(
        new Request('http://localhost/api/v1/referrals', {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': randomUUIDKey },
          body: JSON.stringify(body),
        }),
        { params: Promise.resolve({}) },
      );
    const randomUUIDKey = randomUUID();
    const [a, b] = await Promise.all([send(), send()]);
    const [ja, jb] = [(await a.json()) as { id: string }, (await b.json()) as { id: string }];
    expect(ja.id).toBe(jb.id);
    expect(await prisma.referral.count({ where: { councilId: fx.councilId, referrerReference: body.referrerReference } })).toBe(1);
  });

  it('refuses a referral naming no one it can find or make, naming the field', async () => {
    const noNhs = await call('POST', 'referrals', '/api/v1/referrals', referral({ externalId: 'NOBODY-1' }));
    expect(noNhs.status).toBe(422);
    expect(noNhs.json.error.fields['person.nhsNumber']).toBeDefined();
    const elsewhere = await call('POST', 'referrals', '/api/v1/referrals', referral({ nhsNumber: nextNhsNumber(), postcode: 'LS1 1AA' }));
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.json.error.fields['person.postcode']).toEqual(['This postcode is not in any of the council’s localities: check it']);
  });

  it('accepts the same referral as a FHIR R4 Bundle of Patient and ServiceRequest', async () => {
    const nhsNumber = nextNhsNumber();
    const { status, json } = await call('POST', 'fhir', '/api/v1/referrals/fhir', fhirBundle(nhsNumber, 'LAS-42'));
    expect(status).toBe(200);
    expect(json).toMatchObject({ status: 'RECEIVED', format: 'FHIR', referrerReference: 'REF-77', match: { by: 'NEW_PERSON' } });
    const row = await prisma.referral.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: json.id } }, include: { person: true } });
    expect(row.person).toMatchObject({ nhsNumber, externalId: 'LAS-42', givenName: 'Grace', familyName: 'Okafor', postcode: 'BD1 4QQ' });
    expect(row).toMatchObject({ pathway: 'REABLEMENT', notes: 'Discharged home last week' });
    expect(row.visits).toEqual([
      { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '07:30', minutes: 30, carers: 1 },
      { days: ['MON', 'TUE', 'WED', 'THU', 'FRI'], start: '17:00', minutes: 30, carers: 1 },
    ]);
  });

  it('refuses a FHIR bundle whose NHS number fails its check digit, naming the field', async () => {
    const good = nextNhsNumber();
    const bad = `${good.slice(0, 9)}${(Number(good[9]) + 1) % 10}`;
    const { status, json } = await call('POST', 'fhir', '/api/v1/referrals/fhir', fhirBundle(bad));
    expect(status).toBe(422);
    expect(json.error.fields).toEqual({ 'entry.0.resource.identifier.0.value': ['The NHS number is not valid: its check digit does not match'] });
    expect(await prisma.person.count({ where: { nhsNumber: bad } })).toBe(0);
  });

  it('tells the referrer each triage decision through GET on the referral', async () => {
    const send = async () => (await call('POST', 'referrals', '/api/v1/referrals', referral({ nhsNumber: nextNhsNumber() }))).json.id as string;
    const get = async (id: string) => (await call('GET', 'referral', `/api/v1/referrals/${id}`, undefined, { id })).json;
    const [askId, rejectId, acceptId] = [await send(), await send(), await send()];

    await triageReferral(prisma, fx.broker, { referralId: askId, decision: 'MORE_INFO', message: 'Is a key safe in place?' });
    expect(await get(askId)).toMatchObject({ status: 'MORE_INFO', decision: { status: 'MORE_INFO', message: 'Is a key safe in place?' }, package: null });

    await triageReferral(prisma, fx.broker, { referralId: rejectId, decision: 'REJECT', message: 'Eligible for continuing healthcare instead' });
    expect(await get(rejectId)).toMatchObject({ status: 'REJECTED', decision: { status: 'REJECTED', message: 'Eligible for continuing healthcare instead' } });

    const accepted = await triageReferral(prisma, fx.broker, { referralId: acceptId, decision: 'ACCEPT' });
    const view = await get(acceptId);
    expect(view).toMatchObject({ status: 'ACCEPTED', decision: { status: 'ACCEPTED', message: null }, package: { reference: accepted.packageReference } });
    // The draft is the referral's: its person, the locality of their postcode, its visits and hours.
    const pkg = await prisma.package.findUniqueOrThrow({
      where: { councilId_reference: { councilId: fx.councilId, reference: accepted.packageReference! } },
      include: { visits: true, serviceLines: true },
    });
    const row = await prisma.referral.findUniqueOrThrow({ where: { councilId_id: { councilId: fx.councilId, id: acceptId } } });
    expect(pkg).toMatchObject({ status: 'DRAFT', personId: row.personId, localityId: fx.localities.l1, pathway: 'LONG_TERM' });
    expect(pkg.visits.map((v) => ({ days: v.days, start: v.start, minutes: v.minutes }))).toEqual([
      { days: ['MON', 'WED', 'FRI'], start: '08:00', minutes: 45 },
    ]);
    expect(pkg.serviceLines.map((l) => [l.type, Number(l.hoursPerWeek)])).toEqual([['PERSONAL_CARE', 2.25]]);

    // Decided once: a second decision is refused, and the queue no longer holds the decided ones.
    await expect(triageReferral(prisma, fx.broker, { referralId: acceptId, decision: 'REJECT', message: 'late' })).rejects.toMatchObject({ code: 'CONFLICT' });
    const queue = await listTriageQueue(prisma, fx.broker);
    expect(queue.referrals.map((r) => r.id)).toContain(askId);
    expect(queue.referrals.map((r) => r.id)).not.toContain(acceptId);
    expect(queue.referrals.map((r) => r.id)).not.toContain(rejectId);
  });

  it('a referral of another council is not found', async () => {
    const other = await buildCouncil(prisma, { code: 'OTH', localityProviders: 0 });
    const id = (await call('POST', 'referrals', '/api/v1/referrals', referral({ nhsNumber: nextNhsNumber() }))).json.id as string;
    await expect(triageReferral(prisma, other.broker, { referralId: id, decision: 'ACCEPT' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
