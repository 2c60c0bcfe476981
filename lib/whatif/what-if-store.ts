import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { z } from 'zod';
import { recordAudit } from '@/lib/audit/record-audit';
import type { TCouncilActor } from '@/lib/auth/permissions';
import { AppError } from '@/lib/errors/app-error';
import { parseOrThrow } from '@/lib/errors/field-errors';
import { queueWhatIf } from '@/lib/jobs/queue-what-if';
import { ZSaveWhatIfSchema, ZWhatIfIdSchema } from './changes';

// Saving, running and deleting a council's what-if scenarios. A scenario belongs to the council,
// not to the person who made it: every commissioner of the council sees, runs and changes it.
// Nothing here, nor in the run itself, writes to any table but WhatIfScenario (and the audit trail).

type TChanges = z.output<typeof ZSaveWhatIfSchema>['changes'];

/** Each id a change names that is not the council's own locality, registered provider or contract, by its field. */
async function unknownReferences(tx: Prisma.TransactionClient, councilId: string, changes: TChanges): Promise<Record<string, string[]>> {
  const [localities, providers, contracts] = await Promise.all([
    tx.locality.findMany({ where: { councilId }, select: { id: true } }),
    tx.councilProvider.findMany({ where: { councilId }, select: { providerId: true } }),
    tx.contract.findMany({ where: { councilId }, select: { id: true } }),
  ]);
  const known = {
    locality: new Set(localities.map((l) => l.id)),
    provider: new Set(providers.map((p) => p.providerId)),
    contract: new Set(contracts.map((c) => c.id)),
  };
  const errors: Record<string, string[]> = {};
  const check = (kind: keyof typeof known, id: string | null, field: string) => {
    if (id !== null && !known[kind].has(id)) errors[field] = [`Choose a ${kind} of your council from the list.`];
  };
  changes.forEach((c, i) => {
    const at = (f: string) => `changes.${i}.${f}`;
    if (c.kind === 'DEMAND_GROWTH') c.localityIds.forEach((id, k) => check('locality', id, at(`localityIds.${k}`)));
    if (c.kind === 'PROVIDER_FAILS') check('provider', c.providerId, at('providerId'));
    if (c.kind === 'CONTRACT_ENDS') check('contract', c.contractId, at('contractId'));
    if (c.kind === 'LOCALITY_RELET') {
      check('locality', c.localityId, at('localityId'));
      c.holders.forEach((h, k) => check('provider', h.providerId, at(`holders.${k}.providerId`)));
    }
    if (c.kind === 'CAPACITY') {
      c.localityIds.forEach((id, k) => check('locality', id, at(`localityIds.${k}`)));
      check('provider', c.providerId, at('providerId'));
    }
  });
  return errors;
}

/** Saves a new scenario, or new changes to one; changed changes make the last result stale, so it is cleared. */
export async function saveWhatIf(prisma: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZSaveWhatIfSchema>): Promise<{ id: string }> {
  const { id, name, description, changes } = parseOrThrow(ZSaveWhatIfSchema, input);
  const { councilId } = actor;
  return prisma.$transaction(async (tx) => {
    const unknown = await unknownReferences(tx, councilId, changes);
    if (Object.keys(unknown).length) throw new AppError('VALIDATION', undefined, unknown);
    const data = { name, description, changes: changes as Prisma.InputJsonValue };
    let savedId: string;
    if (id) {
      const before = await tx.whatIfScenario.findUnique({ where: { councilId_id: { councilId, id } }, select: { changes: true } });
      if (!before) throw new AppError('NOT_FOUND', 'There is no such scenario.');
      const changed = JSON.stringify(before.changes) !== JSON.stringify(changes);
      await tx.whatIfScenario.update({
        where: { councilId_id: { councilId, id } },
        data: changed ? { ...data, status: 'DRAFT', step: 0, result: Prisma.DbNull, error: null, ranAt: null, runAskedAt: null } : data,
      });
      savedId = id;
    } else {
      savedId = (await tx.whatIfScenario.create({ data: { ...data, councilId, createdById: actor.userId }, select: { id: true } })).id;
    }
    await recordAudit(tx, actor, {
      action: id ? 'whatif.changed' : 'whatif.created',
      entityType: 'WhatIfScenario',
      entityId: savedId,
      details: { name, changes: changes.length },
    });
    return { id: savedId };
  });
}

/** Longer than a run's job may last (pg-boss expires it after 10 minutes, and retries it once). */
const STALE_RUN_MS = 25 * 60_000;

/** Asks the worker to run the scenario: the optimiser on today's market and on the scenario. */
export async function askToRunWhatIf(
  prisma: PrismaClient,
  actor: TCouncilActor,
  input: z.input<typeof ZWhatIfIdSchema>,
  now: Date = new Date(),
): Promise<void> {
  const { id } = parseOrThrow(ZWhatIfIdSchema, input);
  const { councilId } = actor;
  await prisma.$transaction(async (tx) => {
    const row = await tx.whatIfScenario.findUnique({ where: { councilId_id: { councilId, id } }, select: { status: true, runAskedAt: true } });
    if (!row) throw new AppError('NOT_FOUND', 'There is no such scenario.');
    // A run asked for long ago that never finished (its worker stopped for good) does not block another.
    const live = row.runAskedAt !== null && now.getTime() - row.runAskedAt.getTime() < STALE_RUN_MS;
    if ((row.status === 'QUEUED' || row.status === 'RUNNING') && live) throw new AppError('CONFLICT', 'This scenario is already running.');
    await tx.whatIfScenario.update({ where: { councilId_id: { councilId, id } }, data: { status: 'QUEUED', step: 0, error: null, runAskedAt: now } });
    if (!(await queueWhatIf(tx, { councilId, scenarioId: id, askedAt: now.toISOString() }))) {
      throw new AppError('UNAVAILABLE', 'Scenarios run in the background worker, which has not started on this system yet. Try again in a minute.');
    }
    await recordAudit(tx, actor, { action: 'whatif.run-asked', entityType: 'WhatIfScenario', entityId: id });
  });
}

export async function deleteWhatIf(prisma: PrismaClient, actor: TCouncilActor, input: z.input<typeof ZWhatIfIdSchema>): Promise<void> {
  const { id } = parseOrThrow(ZWhatIfIdSchema, input);
  const { councilId } = actor;
  await prisma.$transaction(async (tx) => {
    const gone = await tx.whatIfScenario.deleteMany({ where: { councilId, id } });
    if (gone.count === 0) throw new AppError('NOT_FOUND', 'There is no such scenario.');
    await recordAudit(tx, actor, { action: 'whatif.deleted', entityType: 'WhatIfScenario', entityId: id });
  });
}
