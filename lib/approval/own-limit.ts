import 'server-only';
import type { Prisma } from '@prisma/client';
import { approvalCost, withinLimit } from '@/lib/domain/approval';
import { AppError } from '@/lib/errors/app-error';
import { weeklyCostChange } from '@/lib/change-request/change-cost';
import type { TLineHours } from '@/lib/change-request/change-request-schema';
import { currentCare } from '@/lib/change-request/current-care';
import { approvalLimitOf } from './approval-limits';

const money = (n: number) => `£${n.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

/**
 * A broker's or BEST's own change to a placed package is held to their approval limit as a
 * provider's request is: when it raises the yearly cost (weekly cost × 52) by more than their limit
 * covers, it is refused, naming the service lines. A council that has given nobody a limit does
 * not use limits, and nothing is checked. Called in the change's transaction.
 */
export async function assertChangeWithinOwnLimit(
  tx: Prisma.TransactionClient,
  actor: { councilId: string; userId: string },
  packageId: string,
  effectiveDay: string,
  lines: readonly TLineHours[],
): Promise<void> {
  const { councilId } = actor;
  if (lines.length === 0 || (await tx.approvalLimit.count({ where: { councilId } })) === 0) return;
  const placement = await tx.placement.findFirst({ where: { councilId, packageId, endedAt: null }, select: { providerId: true } });
  if (!placement) return;
  const care = await currentCare(tx, councilId, packageId, placement.providerId, effectiveDay);
  const yearly = approvalCost(weeklyCostChange(care.lines, lines, care.rate));
  const limit = await approvalLimitOf(tx, councilId, actor.userId);
  if (withinLimit(limit, yearly)) return;
  throw new AppError(
    'VALIDATION',
    `This change adds about ${money(yearly)} a year, above your approval limit${limit === null ? ' (you have none)' : ` of ${money(limit)}`}.`,
    {
      serviceLines: [`This change adds about ${money(yearly)} a year, above your approval limit: ask someone whose limit covers it to make the change`],
    },
  );
}
