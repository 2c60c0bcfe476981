import 'server-only';
import { Prisma, type PrismaClient } from '@prisma/client';
import type { TWhatIfJob } from '@/lib/jobs/queues';
import { optimiseInWorker } from '@/lib/placement/optimise-in-worker';
import { ZChangesSchema } from './changes';
import { readLiveMarket } from './live-market';
import { runWhatIf, type TOptimiser } from './run-what-if';

// The worker's handler for a what-if run. It reads the live market in one read-only transaction
// (PostgreSQL refuses any write in it), runs the optimiser on a worker thread for today's market
// and for the scenario, and writes the progress and the figures to the scenario row only.

/** Each optimisation's time limit: two of them keep a Bradford-sized run well inside 30 s. */
export const WHAT_IF_TIME_LIMIT_SECONDS = 10;

const inWorker: TOptimiser = (scenario) => optimiseInWorker(scenario, { timeLimitSeconds: WHAT_IF_TIME_LIMIT_SECONDS });

export async function runWhatIfJob(
  prisma: PrismaClient,
  job: TWhatIfJob,
  { optimise = inWorker, now = () => new Date() }: { optimise?: TOptimiser; now?: () => Date } = {},
): Promise<'done' | 'failed' | 'stale'> {
  const { councilId, scenarioId } = job;
  const askedAt = new Date(job.askedAt);
  // Only the run last asked for, and only while the scenario is unchanged since: a later edit or ask wins.
  const current = { councilId, id: scenarioId, runAskedAt: askedAt, status: { in: ['QUEUED', 'RUNNING'] as ('QUEUED' | 'RUNNING')[] } };
  const row = await prisma.whatIfScenario.findFirst({ where: current, select: { changes: true } });
  if (!row) return 'stale';
  const fail = async (error: string) => {
    await prisma.whatIfScenario.updateMany({ where: current, data: { status: 'FAILED', error, ranAt: now() } });
    return 'failed' as const;
  };
  await prisma.whatIfScenario.updateMany({ where: current, data: { status: 'RUNNING', step: 0 } });
  const changes = ZChangesSchema.safeParse(row.changes);
  if (!changes.success) return fail('The scenario’s changes could not be read. Edit and save it again.');
  try {
    const at = now();
    const live = await prisma.$transaction(
      async (tx) => {
        await tx.$executeRaw`SET TRANSACTION READ ONLY`;
        return readLiveMarket(tx, councilId, at);
      },
      { isolationLevel: Prisma.TransactionIsolationLevel.RepeatableRead, timeout: 60_000 },
    );
    const run = await runWhatIf(live, changes.data, {
      optimise,
      progress: async (step) => {
        await prisma.whatIfScenario.updateMany({ where: current, data: { step } });
      },
    });
    if (!run.ok) {
      const problems = Object.entries(run.fieldErrors).map(([field, messages]) => `Change ${Number(field.split('.')[1]) + 1}: ${messages.join(' ')}`);
      return fail(`The market has changed since this scenario was saved. ${problems.join(' ')} Edit the scenario and run it again.`);
    }
    const saved = await prisma.whatIfScenario.updateMany({
      where: current,
      data: { status: 'DONE', step: 3, result: run.result as unknown as Prisma.InputJsonValue, error: null, ranAt: now() },
    });
    return saved.count ? 'done' : 'stale';
  } catch (error) {
    await fail('The run stopped with an error. Try again; if it stops again, tell the system administrator.');
    throw error;
  }
}
