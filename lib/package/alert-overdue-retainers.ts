import 'server-only';
import type { PrismaClient } from '@prisma/client';
import { recordAudit } from '@/lib/audit/record-audit';
import { brokersFor } from '@/lib/brokerage/brokers-for';
import { notify, withNotices } from '@/lib/notification/notify';
import { londonDate } from '@/lib/time/london';

const ALERTED = 'hospital-stay.retainer-overdue';

/**
 * A retainer is paid for up to four weeks (review problem 9). Once the last paid day has passed
 * with the person still in hospital, the package's brokers are told once, so the package is
 * reviewed rather than held indefinitely. The audit row is both the record and the marker that
 * the alert went: each stay is alerted under a lock on it, so two workers never alert twice.
 */
export async function alertOverdueRetainers(prisma: PrismaClient, now: Date = new Date()): Promise<{ alerted: number }> {
  const today = new Date(`${londonDate(now)}T00:00:00Z`);
  const due = await prisma.$queryRaw<{ councilId: string; id: string }[]>`
    SELECT s."councilId", s."id" FROM "HospitalStay" s
    JOIN "Package" p ON p."councilId" = s."councilId" AND p."id" = s."packageId"
    WHERE s."returnedOn" IS NULL AND s."retainerUntil" < ${today}::date AND p."status" = 'IN_HOSPITAL'
      AND NOT EXISTS (SELECT 1 FROM "AuditEvent" a WHERE a."councilId" = s."councilId" AND a."entityType" = 'HospitalStay' AND a."entityId" = s."id"::text AND a."action" = ${ALERTED})
    ORDER BY s."retainerUntil"`;
  let alerted = 0;
  for (const { councilId, id } of due) {
    const sent = await withNotices(prisma, async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`retainer-alert:${id}`}))`;
      const already = await tx.auditEvent.findFirst({ where: { councilId, entityType: 'HospitalStay', entityId: id, action: ALERTED }, select: { id: true } });
      if (already) return false;
      const stay = await tx.hospitalStay.findUniqueOrThrow({
        where: { councilId_id: { councilId, id } },
        select: {
          admittedOn: true,
          retainerUntil: true,
          package: { select: { id: true, reference: true, councilId: true, createdById: true, pathway: true } },
        },
      });
      const until = stay.retainerUntil.toISOString().slice(0, 10);
      await recordAudit(tx, null, {
        councilId,
        action: ALERTED,
        entityType: 'HospitalStay',
        entityId: id,
        details: { packageId: stay.package.id, retainerUntil: until },
      });
      await notify(
        tx,
        (await brokersFor(tx, stay.package)).map((userId) => ({
          councilId,
          recipient: { userId },
          kind: 'RETAINER_OVERDUE' as const,
          title: `${stay.package.reference}: retainer ended ${until}`,
          body: `The person on package ${stay.package.reference} went into hospital on ${stay.admittedOn.toISOString().slice(0, 10)} and is still there. The provider's retainer ended on ${until}: review whether it should hold the package.`,
          link: `/packages/${stay.package.reference}`,
        })),
      );
      return true;
    });
    if (sent) alerted++;
  }
  return { alerted };
}
