import 'server-only';
import type { CqcRating, Prisma, PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { formatDay } from '@/lib/time/london';
import { notify, withNotices, type TNoticeTx } from '@/lib/notification/notify';
import { readCqcFile, type TCqcFileProblem, type TUploadedFile } from './read-cqc-file';

// Updating the register's CQC ratings from CQC's public ratings file. Providers are matched by CQC
// location ID among those on the actor's council's register; rows for any other location are
// ignored and counted. A dry run says what would change; applying records each rating in the
// provider's history (once: the same file again changes nothing), makes it the provider's current
// rating only when it is newer than the one held, and flags a provider newly rated Inadequate for
// review by every council it is registered with, telling their commissioners.

export type TRatingChange = {
  providerId: string;
  name: string;
  cqcLocationId: string;
  from: CqcRating;
  fromDate: Date | null;
  to: CqcRating;
  ratedOn: Date;
  /** The file's rating becomes the current one (it is newer); otherwise it only joins the history. */
  current: boolean;
};

export type TCqcImportSummary = {
  /** Ratings not yet recorded: newer ones change the provider's rating, older ones only join its history. */
  changes: TRatingChange[];
  /** Registered providers whose rating in the file is already recorded. */
  unchanged: number;
  /** Overall ratings in the file for locations not on the register. */
  ignored: number;
  /** Registered providers the file has no overall rating for. */
  notInFile: number;
  problems: TCqcFileProblem[];
  rows: number;
  applied: boolean;
};

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

type Db = PrismaClient | Prisma.TransactionClient;

async function plan(db: Db, actor: TCouncilActor, file: Awaited<ReturnType<typeof readCqcFile>>) {
  const registered = await db.councilProvider.findMany({
    where: { councilId: actor.councilId },
    select: { provider: { select: { id: true, name: true, cqcLocationId: true, cqcRating: true, cqcRatedOn: true } } },
  });
  const inFile = registered.filter((r) => file.overall.has(r.provider.cqcLocationId));
  const recorded = await db.providerRating.findMany({
    where: { providerId: { in: inFile.map((r) => r.provider.id) } },
    select: { providerId: true, rating: true, ratedOn: true },
  });
  const known = new Set(recorded.map((r) => `${r.providerId}|${isoDay(r.ratedOn)}|${r.rating}`));
  const withHistory = new Set(recorded.map((r) => r.providerId));
  const changes: (TRatingChange & { hasHistory: boolean })[] = [];
  let unchanged = 0;
  for (const { provider: p } of inFile) {
    const rated = file.overall.get(p.cqcLocationId)!;
    const sameAsCurrent = p.cqcRating === rated.rating && p.cqcRatedOn !== null && isoDay(p.cqcRatedOn) === rated.ratedOn;
    if (known.has(`${p.id}|${rated.ratedOn}|${rated.rating}`) || sameAsCurrent) {
      unchanged++;
      continue;
    }
    changes.push({
      providerId: p.id,
      name: p.name,
      cqcLocationId: p.cqcLocationId,
      from: p.cqcRating,
      fromDate: p.cqcRatedOn,
      to: rated.rating,
      ratedOn: day(rated.ratedOn),
      current: p.cqcRatedOn === null || isoDay(p.cqcRatedOn) < rated.ratedOn,
      hasHistory: withHistory.has(p.id),
    });
  }
  changes.sort((a, b) => Number(b.current) - Number(a.current) || a.name.localeCompare(b.name));
  const registeredIds = new Set(registered.map((r) => r.provider.cqcLocationId));
  return {
    changes,
    unchanged,
    ignored: [...file.overall.keys()].filter((id) => !registeredIds.has(id)).length,
    notInFile: registered.length - inFile.length,
  };
}

/** Records one rating and, when it is newer than the provider's, makes it current; true when it did. */
async function recordRating(tx: TNoticeTx, change: TRatingChange & { hasHistory: boolean }): Promise<boolean> {
  // The rating held before any history was kept joins the history first, so it is not lost. One
  // held without a date has no day to file it under: the audit event keeps it (`from`).
  if (!change.hasHistory && change.fromDate) {
    await tx.providerRating.createMany({
      data: [{ providerId: change.providerId, rating: change.from, ratedOn: change.fromDate, source: 'REGISTER' }],
      skipDuplicates: true,
    });
  }
  const { count } = await tx.providerRating.createMany({
    data: [{ providerId: change.providerId, rating: change.to, ratedOn: change.ratedOn, source: 'CQC_FILE' }],
    skipDuplicates: true,
  });
  if (count === 0) return false;
  // Conditional: a newer rating recorded meanwhile (another upload, a typed one) stands.
  const updated = await tx.provider.updateMany({
    where: { id: change.providerId, OR: [{ cqcRatedOn: null }, { cqcRatedOn: { lt: change.ratedOn } }] },
    data: { cqcRating: change.to, cqcRatedOn: change.ratedOn },
  });
  return updated.count === 1;
}

/**
 * Flags a provider newly rated Inadequate for review with every council it is registered with and
 * tells each council's commissioners. The engine already leaves an Inadequate provider out of
 * every ranking (CQC_INADEQUATE); the flag asks the council to decide about its placements.
 */
export async function flagInadequate(tx: TNoticeTx, provider: { id: string; name: string }, ratedOn: Date, now: Date): Promise<void> {
  const reason = `CQC rated ${provider.name} Inadequate on ${formatDay(ratedOn)}`;
  const flagged = await tx.councilProvider.updateManyAndReturn({
    where: { providerId: provider.id },
    data: { reviewFlaggedAt: now, reviewReason: reason },
    select: { councilId: true },
  });
  const commissioners = await tx.user.findMany({
    where: { councilId: { in: flagged.map((f) => f.councilId) }, role: 'COMMISSIONER', disabledAt: null },
    select: { id: true, councilId: true },
  });
  await notify(
    tx,
    commissioners.map((u) => ({
      councilId: u.councilId,
      recipient: { userId: u.id },
      kind: 'PROVIDER_REVIEW' as const,
      title: `${provider.name} rated Inadequate`,
      body: `${reason}. It will not be offered new packages; review the packages it holds.`,
      link: `/providers/${provider.id}`,
    })),
  );
}

/**
 * Reads CQC's ratings file and says what it would change for the actor's register; with `apply`,
 * makes those changes in one transaction and audits them.
 */
export async function importCqcRatings(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: { file: TUploadedFile; apply: boolean },
  ip: string | null = null,
  now: Date = new Date(),
): Promise<TCqcImportSummary> {
  const file = await readCqcFile(input.file);
  const base = { problems: file.problems.slice(0, 50), rows: file.rows };
  if (!input.apply) {
    const planned = await plan(prisma, actor, file);
    return { ...base, ...planned, changes: planned.changes.map(publicChange), applied: false };
  }
  return withNotices(
    prisma,
    async (tx) => {
      const planned = await plan(tx, actor, file);
      const made: TRatingChange[] = [];
      for (const change of planned.changes) {
        const current = await recordRating(tx, change);
        made.push({ ...publicChange(change), current });
        if (current && change.to === 'INADEQUATE' && change.from !== 'INADEQUATE') {
          await flagInadequate(tx, { id: change.providerId, name: change.name }, change.ratedOn, now);
        }
      }
      // The same file again changes nothing, not even the audit trail.
      if (made.length)
        await recordAudit(tx, actor, {
          action: 'cqc.ratings-imported',
          entityType: 'Provider',
          ip,
          details: {
            file: input.file.name,
            changes: made.map((c) => ({ providerId: c.providerId, from: c.from, to: c.to, ratedOn: isoDay(c.ratedOn), current: c.current })),
            ignored: planned.ignored,
          },
        });
      return { ...base, ...planned, changes: made, applied: true };
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
}

function publicChange({ providerId, name, cqcLocationId, from, fromDate, to, ratedOn, current }: TRatingChange): TRatingChange {
  return { providerId, name, cqcLocationId, from, fromDate, to, ratedOn, current };
}
