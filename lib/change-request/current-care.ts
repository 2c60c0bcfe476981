import 'server-only';
import type { Prisma } from '@prisma/client';
import type { TLineHours, TVisitDraft } from './change-request-schema';
import type { TCurrentLine } from './change-cost';
import { visitsInForceWhere } from '@/lib/domain/visit-versions';

/** Requests waiting for a decision: a package has at most one, and it cannot be applied yet. */
export const OPEN_REQUEST_STATUSES = ['PENDING', 'REFERRED'] as const;

export type TCurrentCare = { visits: TVisitDraft[]; lines: TCurrentLine[]; rate: number };

/**
 * The care a package has on `day` (YYYY-MM-DD), as a change request from that day compares against
 * it: the visit versions in force that day (visit-versions.ts), and the lines in force on it or open after it,
 * with their rates; `rate` is the placement's accepted rate, for a new type of line.
 */
export async function currentCare(tx: Prisma.TransactionClient, councilId: string, packageId: string, providerId: string, day: string): Promise<TCurrentCare> {
  const at = new Date(`${day}T00:00:00Z`);
  const [visits, lines, offer] = await Promise.all([
    tx.visit.findMany({
      where: { councilId, packageId, ...visitsInForceWhere(at) },
      orderBy: { start: 'asc' },
      select: { days: true, start: true, minutes: true, carers: true },
    }),
    tx.serviceLine.findMany({
      where: { councilId, packageId, OR: [{ endDate: null }, { endDate: { gt: at } }], startDate: { lte: at } },
      orderBy: [{ type: 'asc' }, { startDate: 'desc' }],
      select: { type: true, hoursPerWeek: true, hourlyRate: true },
    }),
    tx.offer.findFirst({ where: { councilId, packageId, providerId, status: 'ACCEPTED' }, select: { hourlyRate: true } }),
  ]);
  const byType = new Map<string, TCurrentLine>();
  for (const l of lines)
    if (!byType.has(l.type))
      byType.set(l.type, { type: l.type, hoursPerWeek: Number(l.hoursPerWeek), hourlyRate: l.hourlyRate === null ? null : Number(l.hourlyRate) });
  const rate = Number(offer?.hourlyRate ?? [...byType.values()].find((l) => l.hourlyRate !== null)?.hourlyRate ?? 0);
  return { visits: visits.map((v) => ({ ...v, carers: v.carers as 1 | 2 })), lines: [...byType.values()], rate };
}

const visitKey = (v: TVisitDraft) => `${[...v.days].sort().join(',')}|${v.start}|${v.minutes}|${v.carers}`;

/** Whether asking for `visits` and `lines` would change nothing. */
export function sameCare(care: TCurrentCare, visits: readonly TVisitDraft[], lines: readonly TLineHours[]): boolean {
  const a = care.visits.map(visitKey).sort().join(';');
  const b = visits.map(visitKey).sort().join(';');
  const linesSame = lines.every((l) => (care.lines.find((c) => c.type === l.type)?.hoursPerWeek ?? 0) === l.hoursPerWeek);
  return a === b && linesSame;
}
