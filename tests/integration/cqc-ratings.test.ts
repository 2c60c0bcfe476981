import fs from 'node:fs';
import path from 'node:path';
import type { PrismaClient } from '@prisma/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importCqcRatings } from '@/lib/cqc/import-cqc-ratings';
import { previewCascade } from '@/lib/package/preview-cascade';
import { markProviderReviewed, updateProvider } from '@/lib/provider/update-provider';
import { rejection } from './support/brokerage-fixtures';
import { resetDatabase, testPrisma } from './support/database';
import { buildFailureCouncil, failureDraft, type TFailureFixture } from './support/failure-fixtures';

// CQC's ratings file updates the register: a provider newly rated Inadequate drops out of the next
// ranking (CQC_INADEQUATE), keeps its earlier rating in its history, is flagged for review and its
// commissioners are told; the same file again changes nothing; a file that is not CQC's is refused.

const FIXTURE = path.join(__dirname, '../fixtures/cqc/care-directory-ratings.csv');
const csv = (text: string, name = 'ratings.csv') => new File([text], name, { type: 'text/csv' });
const fixture = () => csv(fs.readFileSync(FIXTURE, 'utf8'), 'care-directory-ratings.csv');

let prisma: PrismaClient;
let fx: TFailureFixture;
const now = new Date('2026-12-01T09:00:00Z');
const morning = [{ days: ['MON', 'WED', 'FRI'] as ('MON' | 'WED' | 'FRI')[], start: '07:30', minutes: 45, carers: 1 as const }];

beforeAll(async () => {
  prisma = testPrisma();
  await resetDatabase(prisma);
  fx = await buildFailureCouncil(prisma, 'CQ');
  // The fixture's locations, as the seed numbers them.
  await prisma.provider.update({ where: { id: fx.a }, data: { cqcLocationId: '1-100007919', cqcRating: 'GOOD', cqcRatedOn: new Date('2024-05-01') } });
  await prisma.provider.update({ where: { id: fx.b }, data: { cqcLocationId: '1-100015838' } });
  await prisma.provider.update({ where: { id: fx.c }, data: { cqcLocationId: '1-100023757' } });
}, 120_000);

afterAll(async () => {
  await prisma.$disconnect();
});

describe("CQC's ratings file", () => {
  it('shows what would change without changing anything', async () => {
    const preview = await importCqcRatings(prisma, fx.commissioner, { file: fixture(), apply: false }, null, now);
    expect(preview.applied).toBe(false);
    expect(preview.changes.map((c) => [c.providerId, c.from, c.to, c.ratedOn.toISOString().slice(0, 10), c.current])).toEqual([
      [fx.a, 'GOOD', 'INADEQUATE', '2026-11-12', true],
      [fx.b, 'GOOD', 'GOOD', '2026-10-03', true],
      [fx.c, 'REQUIRES_IMPROVEMENT', 'OUTSTANDING', '2026-09-21', true],
    ]);
    expect(preview).toMatchObject({ ignored: 2, unchanged: 0, problems: [], rows: 10 });
    expect(await prisma.providerRating.count()).toBe(0);
    expect((await prisma.provider.findUniqueOrThrow({ where: { id: fx.a } })).cqcRating).toBe('GOOD');
  });

  it('applied, drops a provider newly rated Inadequate from the next ranking, keeps its history, flags it and tells commissioners', async () => {
    const draft = failureDraft(fx.localities[0], morning);
    const before = await previewCascade(prisma, fx.broker, { draft }, now);
    expect(before.offers.map((o) => o.providerId)).toContain(fx.a);

    const applied = await importCqcRatings(prisma, fx.commissioner, { file: fixture(), apply: true }, '10.0.0.9', now);
    expect(applied.changes).toHaveLength(3);

    const after = await previewCascade(prisma, fx.broker, { draft }, now);
    expect(after.offers.map((o) => o.providerId)).not.toContain(fx.a);
    expect(after.excluded.find((e) => e.providerId === fx.a)?.reasons).toContain('CQC_INADEQUATE');

    expect(await prisma.provider.findUniqueOrThrow({ where: { id: fx.a } })).toMatchObject({ cqcRating: 'INADEQUATE', cqcRatedOn: new Date('2026-11-12') });
    const history = await prisma.providerRating.findMany({ where: { providerId: fx.a }, orderBy: { ratedOn: 'asc' } });
    expect(history.map((h) => [h.rating, h.ratedOn.toISOString().slice(0, 10), h.source])).toEqual([
      ['GOOD', '2024-05-01', 'REGISTER'],
      ['INADEQUATE', '2026-11-12', 'CQC_FILE'],
    ]);
    const registered = await prisma.councilProvider.findUniqueOrThrow({ where: { councilId_providerId: { councilId: fx.councilId, providerId: fx.a } } });
    expect(registered.reviewFlaggedAt).toEqual(now);
    expect(registered.reviewReason).toBe('CQC rated CQ Home Care 02 Inadequate on 12 Nov 2026');
    const notices = await prisma.notification.findMany({ where: { kind: 'PROVIDER_REVIEW' } });
    expect(notices).toEqual([
      expect.objectContaining({ userId: fx.commissioner.userId, title: 'CQ Home Care 02 rated Inadequate', link: `/providers/${fx.a}` }),
    ]);
    // Only the Inadequate one is flagged.
    expect(await prisma.councilProvider.count({ where: { reviewFlaggedAt: { not: null } } })).toBe(1);

    await markProviderReviewed(prisma, fx.commissioner, { providerId: fx.a });
    expect(
      (await prisma.councilProvider.findUniqueOrThrow({ where: { councilId_providerId: { councilId: fx.councilId, providerId: fx.a } } })).reviewFlaggedAt,
    ).toBeNull();
    expect((await rejection(markProviderReviewed(prisma, fx.commissioner, { providerId: fx.a }))).code).toBe('CONFLICT');
  });

  it('applied again, changes nothing', async () => {
    const counts = async () => [
      await prisma.providerRating.count(),
      await prisma.notification.count(),
      await prisma.auditEvent.count(),
      await prisma.councilProvider.count({ where: { reviewFlaggedAt: { not: null } } }),
    ];
    const before = await counts();
    const again = await importCqcRatings(prisma, fx.commissioner, { file: fixture(), apply: true }, null, now);
    expect(again).toMatchObject({ changes: [], unchanged: 3, ignored: 2 });
    expect(await counts()).toEqual(before);
  });

  it('keeps an older rating as history only', async () => {
    const older =
      'Location ID,Location Name,Service / Population Group,Domain,Latest Rating,Publication Date\n1-100023757,Shipley,Overall,Overall,Good,01/02/2023\n';
    const result = await importCqcRatings(prisma, fx.commissioner, { file: csv(older), apply: true }, null, now);
    expect(result.changes).toEqual([expect.objectContaining({ providerId: fx.c, to: 'GOOD', current: false })]);
    expect((await prisma.provider.findUniqueOrThrow({ where: { id: fx.c } })).cqcRating).toBe('OUTSTANDING');
  });

  it('refuses a file that is not CSV, too big, or lacks the columns, naming the problem; and reports unreadable rows', async () => {
    const refused = async (file: Parameters<typeof importCqcRatings>[2]['file']) =>
      (await rejection(importCqcRatings(prisma, fx.commissioner, { file, apply: true }, null, now))).fieldErrors?.file?.[0];
    expect(await refused(csv('a,b\n1,2\n', 'ratings.xlsx'))).toContain('is not a CSV file');
    expect(await refused({ name: 'huge.csv', size: 51 * 1024 * 1024, stream: () => new Blob(['x']).stream() })).toContain('larger than 50 MB');
    expect(await refused(csv('Location ID,Location Name,Domain,Publication Date\n1-1,X,Overall,01/01/2026\n'))).toBe(
      'The file lacks the columns “Service / Population Group”, “Latest Rating”. Upload CQC’s care-directory ratings file.',
    );
    expect(await refused(csv('Location ID,Service / Population Group,Domain,Latest Rating,Publication Date\n"1-1,Overall\n'))).toContain(
      'could not be read as CSV',
    );

    const odd =
      'Location ID,Service / Population Group,Domain,Latest Rating,Publication Date\n1-100015838,Overall,Overall,Brilliant,01/01/2026\n1-100015838,Overall,Overall,Good,31/02/2026\n';
    const result = await importCqcRatings(prisma, fx.commissioner, { file: csv(odd), apply: false }, null, now);
    expect(result.problems).toEqual([
      { line: 2, problem: '“Brilliant” is not a CQC rating' },
      { line: 3, problem: '“31/02/2026” is not a date like 12/03/2025' },
    ]);
  });

  it('a rating typed in the register joins the history, and newly Inadequate is flagged; bad details are refused by field', async () => {
    const b = await prisma.provider.findUniqueOrThrow({ where: { id: fx.b } });
    const details = {
      providerId: fx.b,
      name: b.name,
      cqcLocationId: b.cqcLocationId,
      phone: '01274 432111',
      email: 'Office@Example.org',
      skills: 'dementia, peg feeding',
      doubleHanded: 'on',
    };
    const bad = await rejection(
      updateProvider(prisma, fx.commissioner, { ...details, phone: '12345', email: 'nope', cqcLocationId: '1234', cqcRating: 'GOOD' }),
    );
    expect(Object.keys(bad.fieldErrors ?? {}).sort()).toEqual(['cqcLocationId', 'email', 'phone']);
    expect(bad.fieldErrors?.phone).toEqual(['Enter a UK phone number, like 01274 432111']);

    await updateProvider(prisma, fx.commissioner, { ...details, cqcRating: 'INADEQUATE', cqcRatedOn: '2026-11-30' }, null, now);
    expect(await prisma.provider.findUniqueOrThrow({ where: { id: fx.b } })).toMatchObject({
      phone: '01274 432111',
      email: 'office@example.org',
      skills: ['DEMENTIA', 'PEG_FEEDING'],
      doubleHanded: true,
      cqcRating: 'INADEQUATE',
      cqcRatedOn: new Date('2026-11-30'),
    });
    const history = await prisma.providerRating.findMany({ where: { providerId: fx.b }, orderBy: { ratedOn: 'asc' } });
    expect(history.map((h) => [h.rating, h.source])).toEqual([
      ['GOOD', 'CQC_FILE'],
      ['INADEQUATE', 'REGISTER'],
    ]);
    const flagged = await prisma.councilProvider.findUniqueOrThrow({ where: { councilId_providerId: { councilId: fx.councilId, providerId: fx.b } } });
    expect(flagged.reviewReason).toBe(`CQC rated ${b.name} Inadequate on 30 Nov 2026`);
    expect(await prisma.auditEvent.count({ where: { action: 'provider.updated', entityId: fx.b } })).toBe(1);

    // Another council's provider cannot be edited from here.
    const other = await prisma.provider.create({ data: { name: 'Elsewhere Care', cqcLocationId: '1-777000111', cqcRating: 'GOOD' } });
    const notOurs = await rejection(
      updateProvider(prisma, fx.commissioner, { ...details, providerId: other.id, cqcLocationId: '1-777000111', cqcRating: 'GOOD' }),
    );
    expect(notOurs.code).toBe('NOT_FOUND');
  });
});
