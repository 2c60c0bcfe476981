import type { PrismaClient, Role } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TActor, TCouncilActor } from '@/lib/auth/permissions';
import { buildCouncil, draftFor, type TFixture } from './support/brokerage-fixtures';
import { resetDatabase, testDatabaseUrl, testPrisma } from './support/database';

// Pages given addresses and filters nobody's links make: an id that is not one, or holds a NUL or a
// stray %, in a page's path is "not found" (404), never a failure (500); a dashboard filtered by
// another council's locality says so and shows the council's own numbers, never the other's.
const request = vi.hoisted(() => ({ actor: null as TActor | null }));
vi.mock('next/headers', () => ({ headers: async () => new Headers({ 'x-homefirst-client-address': '10.8.0.1' }), cookies: async () => new Map() }));
vi.mock('next/cache', () => ({ revalidatePath: () => undefined }));
vi.mock('@/lib/auth/session', async (original) => ({ ...(await original<object>()), getActor: async () => request.actor }));

type TPage = (props: { params: Promise<Record<string, string>>; searchParams: Promise<Record<string, string>> }) => Promise<unknown>;

let prisma: PrismaClient;
let fx: TFixture;
let other: TFixture;
const staff: Partial<Record<Role, TCouncilActor>> = {};

async function councilUser(role: Role): Promise<TCouncilActor> {
  const user = await prisma.user.create({
    data: { email: `${role.toLowerCase()}@mal.example`, name: `${role} user`, role, councilId: fx.councilId, mfaEnabled: true },
  });
  return {
    userId: user.id,
    email: user.email,
    name: user.name,
    role,
    councilId: fx.councilId,
    providerId: null,
    providerManager: false,
    mfaEnabled: true,
  } as TCouncilActor;
}

/** What the page did: rendered, or Next's 404 (notFound()), or failed with some other error. */
async function outcome(page: TPage, params: Record<string, string>, searchParams: Record<string, string> = {}): Promise<'rendered' | 'not found' | string> {
  try {
    await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
    return 'rendered';
  } catch (error) {
    const digest = (error as { digest?: string }).digest ?? '';
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return 'not found';
    return `failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`;
  }
}

/** Every text in a rendered element tree. */
function texts(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string' || typeof node === 'number') out.push(String(node));
  else if (Array.isArray(node)) for (const child of node) texts(child, out);
  else if (node && typeof node === 'object' && 'props' in node) texts((node as { props: { children?: unknown } }).props.children, out);
  return out;
}

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  process.env.DATABASE_URL = testDatabaseUrl();
  fx = await buildCouncil(prisma, { code: 'MAL', localityProviders: 1 });
  other = await buildCouncil(prisma, { code: 'OTH', localityProviders: 1 });
  staff.COMMISSIONER = await councilUser('COMMISSIONER');
  staff.ADMIN = await councilUser('ADMIN');
});

afterAll(async () => {
  await prisma.$disconnect();
});

const BAD_IDS = ['not-an-id', '12345', "1' OR '1'='1", 'a\u0000b', '%', '_%_'];

describe('a page whose address names no record', () => {
  it.each([
    ['people/[id]', '@/app/(broker)/people/[id]/page', 'BROKER', (id: string) => ({ id })],
    ['packages/[reference]', '@/app/(broker)/packages/[reference]/page', 'BROKER', (id: string) => ({ reference: id })],
    ['provider/placements/[id]', '@/app/(provider)/provider/placements/[id]/page', 'PROVIDER', (id: string) => ({ id })],
    ['providers/[providerId]', '@/app/(commissioner)/providers/[providerId]/page', 'COMMISSIONER', (id: string) => ({ providerId: id })],
    [
      'providers/[providerId]/replacements/[batchId]',
      '@/app/(commissioner)/providers/[providerId]/replacements/[batchId]/page',
      'COMMISSIONER',
      (id: string) => ({ providerId: id, batchId: id }),
    ],
    ['contracts/[reference]', '@/app/(commissioner)/contracts/[reference]/page', 'COMMISSIONER', (id: string) => ({ reference: id })],
    ['contracts/[reference]/vary', '@/app/(commissioner)/contracts/[reference]/vary/page', 'COMMISSIONER', (id: string) => ({ reference: id })],
    ['admin/providers/[providerId]', '@/app/(admin)/admin/providers/[providerId]/page', 'ADMIN', (id: string) => ({ providerId: id })],
  ] as const)('%s is not found, never a failure', async (_name, module, role, params) => {
    request.actor = role === 'BROKER' ? fx.broker : role === 'PROVIDER' ? fx.providerActor(fx.locality[0]) : staff[role]!;
    const page = ((await import(module)) as { default: TPage }).default;
    for (const id of BAD_IDS) expect(await outcome(page, params(id)), JSON.stringify(id)).toBe('not found');
  });
});

describe('the dashboards filtered by a locality', () => {
  it('of another council: says to choose one from the list and shows the council’s own figures, not the other’s', async () => {
    request.actor = staff.COMMISSIONER!;
    const page = ((await import('@/app/(commissioner)/dashboards/page')) as { default: TPage }).default;
    const theirs = other.localities.l1;
    const filtered = (await page({ params: Promise.resolve({}), searchParams: Promise.resolve({ locality: theirs }) })) as unknown;
    const unfiltered = (await page({ params: Promise.resolve({}), searchParams: Promise.resolve({}) })) as unknown;
    const shown = texts(filtered);
    expect(shown).toContain('Choose a locality from the list');
    expect(shown.join(' ')).toContain('all localities');
    // The same figures as with no filter: the other council's locality was not used.
    expect(shown.filter((t) => t !== 'Choose a locality from the list' && !t.startsWith('Some filters'))).toEqual(texts(unfiltered));
    expect(JSON.stringify(filtered)).not.toContain(theirs);
  });

  it('of another council in a CSV download: refused, naming the locality', async () => {
    request.actor = staff.COMMISSIONER!;
    const route = (await import('@/app/(commissioner)/dashboards/csv/[section]/route')) as {
      GET: (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;
    };
    const { SECTIONS } = await import('@/lib/dashboard/sections');
    for (const section of SECTIONS) {
      const response = await route.GET(new Request(`http://localhost/dashboards/csv/${section.slug}?locality=${other.localities.l1}`), {
        params: Promise.resolve({ section: section.slug }),
      });
      expect(response.status, section.slug).toBe(422);
      expect(((await response.json()) as { error: { fields: Record<string, string[]> } }).error.fields.locality).toEqual(['Choose a locality from the list']);
      const own = await route.GET(new Request(`http://localhost/dashboards/csv/${section.slug}?locality=${fx.localities.l1}`), {
        params: Promise.resolve({ section: section.slug }),
      });
      expect(own.status, section.slug).toBe(200);
    }
  });
});

describe('form actions given values no form sends', () => {
  it('refuse a version of 2^31 or more, naming the field, and search for % and _ as themselves', async () => {
    request.actor = fx.broker;
    const actions = await import('@/app/(broker)/packages/actions');
    const posted = await actions.postPackageAction({ packageId: '00000000-0000-4000-8000-000000000000', expectedVersion: 2 ** 31 });
    expect(posted).toMatchObject({ ok: false, code: 'VALIDATION' });
    expect(posted.ok ? null : Object.keys(posted.fieldErrors ?? {})).toEqual(['expectedVersion']);
    // An empty or malformed input that Next.js did decode reaches the wrapper, which names the problem.
    for (const input of [undefined, null, 'draft', 42, [], new FormData()]) {
      const saved = await actions.saveDraftAction(input as never);
      expect(saved, JSON.stringify(input)).toMatchObject({ ok: false, code: 'VALIDATION', message: 'Check the highlighted fields.' });
      expect(Object.keys((saved as { fieldErrors?: object }).fieldErrors ?? {}).length, JSON.stringify(input)).toBeGreaterThan(0);
    }
    expect(await actions.saveDraftAction({ draft: draftFor(fx) })).toMatchObject({ ok: true });
    for (const query of ['%%', '__', '%_%']) expect(await actions.searchPeopleAction({ query }), query).toEqual({ ok: true, data: [] });
    expect(await actions.searchPeopleAction({ query: 'lovelace' })).toMatchObject({ ok: true, data: [{ familyName: 'Lovelace' }] });
  });
});
