// The job worker: closes rounds of offers at their deadlines and escalates packages down the
// cascade. A separate long-running process beside the web server, on the same database, as the
// app role (the job queues are set up beforehand by the owner: `npm start` or `npm run db:migrate`):
//   DATABASE_URL=postgres://… tsx --conditions=react-server scripts/worker.ts
// (lib/ files are marked server-only; the react-server condition is how a server loads them).
import { createPrismaClient } from '../lib/database/client';
import { startWorker } from '../lib/worker/start-worker';

async function main() {
  const databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) throw new Error('DATABASE_URL is not set: the worker needs the app database.');
  const prisma = createPrismaClient(databaseUrl, { max: Number(process.env.WORKER_POOL_SIZE ?? 5) });
  const worker = await startWorker({ databaseUrl, prisma, pollingIntervalSeconds: Number(process.env.WORKER_POLL_SECONDS ?? 2) });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({ at: new Date().toISOString(), message: 'worker stopping', signal }));
    await worker.stop();
    await prisma.$disconnect();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
