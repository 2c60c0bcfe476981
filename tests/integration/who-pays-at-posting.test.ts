import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TActor } from '@/lib/auth/permissions';
import { getPackageFunding } from '@/lib/package/get-funding';
import { insertApiToken } from './support/api-tokens';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Who pays, set when the package is made: the new-package form's action and POST /api/v1/packages
// take the split share with the package, checked by the same rule as the package page's "Who pays".
const request = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => request.actor }));

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

let prisma: PrismaClient;
let fx: TFixture;
let actions: typeof import('@/app/(broker)/packages/actions');
let api: Record<string, Handler>;
let readApi: Record<string, Handler>;
let token: string;

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  fx = await buildCouncil(prisma, { code: 'WPP', localityProviders: 2 });
  actions = await import('@/app/(broker)/packages/actions');
  api = (await import('@/app/api/v1/packages/route')) as Record<string, Handler>;
  readApi = (await import('@/app/api/v1/packages/[reference]/route')) as Record<string, Handler>;
  token = (
    await insertApiToken(prisma, {
      name: 'case system',
      role: 'BROKER',
      councilId: fx.councilId,
      scopes: ['package:read', 'package:write'],
      createdById: fx.broker.userId,
    })
  ).token;
  request.actor = fx.broker;
});

afterAll(async () => {
  await prisma.$disconnect();
});

const packages = () => prisma.package.count({ where: { councilId: fx.councilId } });

async function post(body: unknown) {
  const response = await api.POST(
    new Request('http://localhost/api/v1/packages', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({}) },
  );
  return { status: response.status, json: (await response.json()) as Record<string, any> };
}

describe('who pays, when the package is posted', () => {
  it('the new-package form posts a split with its share, audited with the draft; no share leaves it all to the council', async () => {
    const split = await actions.saveAndPostAction({ draft: draftFor(fx, { icbSharePercent: 37.5 }) });
    expect(split).toMatchObject({ ok: true });
    const reference = split.ok ? split.data.reference : '';
    const pkg = await prisma.package.findFirstOrThrow({ where: { councilId: fx.councilId, reference } });
    expect([pkg.funding, pkg.icbSharePercent?.toString()]).toEqual(['COUNCIL', '37.5']);
    const funding = await getPackageFunding(prisma, fx.broker, pkg.id);
    expect(funding).toMatchObject({ arrangement: 'SPLIT', icbShare: 37.5 });
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: pkg.id, action: 'package.draft-created' } });
    expect(created.details).toMatchObject({ funding: 'COUNCIL', icbSharePercent: 37.5 });

    const plain = await actions.saveAndPostAction({ draft: draftFor(fx) });
    expect(plain).toMatchObject({ ok: true });
    const council = await prisma.package.findFirstOrThrow({ where: { councilId: fx.councilId, reference: plain.ok ? plain.data.reference : '' } });
    expect([council.funding, council.icbSharePercent]).toEqual(['COUNCIL', null]);
  });

  it('the form refuses a share out of range, or left empty, naming the field, and writes nothing', async () => {
    const before = await packages();
    const cases: [unknown, string][] = [
      [100, "The ICB's share must be less than 100%: otherwise the ICB pays it all"],
      [0, "The ICB's share must be more than 0%: otherwise the council pays it all"],
      [12.345, "Enter the ICB's share to at most two decimal places"],
      // An empty box reaches the server as not a number.
      [Number.NaN, "Enter the ICB's share as a percentage"],
    ];
    for (const [share, message] of cases) {
      const refused = await actions.saveAndPostAction({ draft: draftFor(fx, { icbSharePercent: share }) });
      expect(refused.ok, String(share)).toBe(false);
      if (!refused.ok) expect(refused.fieldErrors?.['draft.icbSharePercent'], String(share)).toEqual([message]);
    }
    expect(await packages()).toBe(before);
  });

  it('POST /api/v1/packages takes the share too, reads it back, and names a bad one by its path', async () => {
    const before = await packages();
    const bad = await post({ draft: draftFor(fx, { funding: 'ICB', icbSharePercent: 150 }), post: true });
    expect(bad.status).toBe(422);
    expect(bad.json.error.fields['draft.icbSharePercent']).toEqual(["The ICB's share must be less than 100%: otherwise the ICB pays it all"]);
    expect(await packages()).toBe(before);

    const made = await post({ draft: draftFor(fx, { funding: 'ICB', icbSharePercent: 60 }), post: true });
    expect(made.status).toBe(200);
    const reference = made.json.reference as string;
    const read = await readApi.GET(new Request(`http://localhost/api/v1/packages/${reference}`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ reference }),
    });
    expect(await read.json()).toMatchObject({ reference, funding: 'ICB', icbSharePercent: 60 });
  });

  it("the form and the API take Section 117 and the person's contribution with its assessment, checked by the package page's rule", async () => {
    const s117 = await actions.saveAndPostAction({ draft: draftFor(fx, { s117Aftercare: true }) });
    expect(s117).toMatchObject({ ok: true });
    const aftercare = await prisma.package.findFirstOrThrow({ where: { councilId: fx.councilId, reference: s117.ok ? s117.data.reference : '' } });
    expect([aftercare.s117Aftercare, aftercare.clientContributionWeekly]).toEqual([true, null]);
    expect(await getPackageFunding(prisma, fx.broker, aftercare.id)).toMatchObject({ arrangement: 'S117' });

    const before = await packages();
    const refusals: [Record<string, unknown>, string, string][] = [
      [
        { s117Aftercare: true, clientContributionWeekly: 20, financialAssessmentOn: '2026-11-02' },
        'draft.clientContributionWeekly',
        'Section 117 aftercare is free to the person: leave the contribution empty',
      ],
      [{ clientContributionWeekly: 20 }, 'draft.financialAssessmentOn', 'Enter the day of the financial assessment the contribution comes from'],
      [{ clientContributionWeekly: -1, financialAssessmentOn: '2026-11-02' }, 'draft.clientContributionWeekly', 'The contribution cannot be negative'],
      [
        { clientContributionWeekly: 12.345, financialAssessmentOn: '2026-11-02' },
        'draft.clientContributionWeekly',
        'Enter the contribution in pounds and pence',
      ],
      // A box that is not an amount reaches the server as not a number.
      [
        { clientContributionWeekly: Number.NaN, financialAssessmentOn: '2026-11-02' },
        'draft.clientContributionWeekly',
        'Enter the contribution a week in pounds',
      ],
      [
        { clientContributionWeekly: 20, financialAssessmentOn: '2026-02-30' },
        'draft.financialAssessmentOn',
        'Enter the day of the financial assessment as a date, like 2026-12-01',
      ],
    ];
    for (const [fields, key, message] of refusals) {
      const refused = await actions.saveAndPostAction({ draft: draftFor(fx, fields) });
      expect(refused.ok, JSON.stringify(fields)).toBe(false);
      if (!refused.ok) expect(refused.fieldErrors?.[key], JSON.stringify(fields)).toEqual([message]);
    }
    expect(await packages()).toBe(before);

    const made = await post({ draft: draftFor(fx, { clientContributionWeekly: 42.5, financialAssessmentOn: '2026-11-02' }), post: true });
    expect(made.status).toBe(200);
    const reference = made.json.reference as string;
    const read = await readApi.GET(new Request(`http://localhost/api/v1/packages/${reference}`, { headers: { authorization: `Bearer ${token}` } }), {
      params: Promise.resolve({ reference }),
    });
    expect(await read.json()).toMatchObject({ reference, s117Aftercare: false, clientContributionWeekly: 42.5, financialAssessmentOn: '2026-11-02' });
    const pkg = await prisma.package.findFirstOrThrow({ where: { councilId: fx.councilId, reference } });
    expect(await getPackageFunding(prisma, fx.broker, pkg.id)).toMatchObject({ clientContributionWeekly: 42.5, financialAssessmentOn: '2026-11-02' });
    const created = await prisma.auditEvent.findFirstOrThrow({ where: { entityId: pkg.id, action: 'package.draft-created' } });
    expect(created.details).toMatchObject({ s117Aftercare: false, clientContributionWeekly: 42.5, financialAssessmentOn: '2026-11-02' });
  });
});
