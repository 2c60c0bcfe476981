// `npm run bench:email`: how fast the worker emails a burst of notices, in a database of its own
// (embedded PostgreSQL on port 54396, data in .data/bench-email; BENCH_PG_PORT changes the port)
// and a real SMTP server on loopback (smtp-server, which accepts everything). It queues 1,000
// notices to a provider's office address at once, as an acceptance withdrawing hundreds of offers
// does, starts the job worker (pooled SMTP connections, batches of jobs), and times until the last
// email has arrived. Beside it, the same server's rate for messages sent one at a time, each over
// a connection of its own, as email went before the pool. Target: at least 50 emails a second.
import fs from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { createPrismaClient } from '@/lib/database/client';
import { migrateDeploy } from '@/lib/database/migrate';
import { startEmbedded } from '@/lib/database/server';
import { enqueueNotificationEmails } from '@/lib/notification/queue-email';
import { prepareJobQueues } from '@/lib/worker/job-queues';
import { startWorker } from '@/lib/worker/start-worker';

const NOTICES = 1_000;
const ONE_BY_ONE = 100;
const TARGET_PER_SECOND = 50;

async function main() {
  const port = Number(process.env.BENCH_PG_PORT ?? 54396);
  // A fresh database every run, so no run counts an earlier one's sends.
  const dir = path.resolve('.data', 'bench-email');
  fs.rmSync(dir, { recursive: true, force: true });
  const server = await startEmbedded({ dir: path.join(dir, 'postgres'), port, database: 'postgres', disposable: true });
  let received = 0;
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    closeTimeout: 200,
    disableReverseLookup: true,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received++;
        callback();
      });
    },
  });
  smtp.on('error', () => undefined);
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as { port: number }).port}`;
  try {
    await migrateDeploy(server.url);
    await prepareJobQueues(server.url);
    const prisma = createPrismaClient(server.url, { max: 5 });

    // Before the pool: one message at a time, each over a connection of its own.
    const single = nodemailer.createTransport(`${smtpUrl}?pool=false`);
    let started = performance.now();
    for (let i = 0; i < ONE_BY_ONE; i++)
      await single.sendMail({ from: 'bench@homefirst.example', to: 'office@bench-care.example', subject: `One ${i}`, text: 'x' });
    const oneByOne = ONE_BY_ONE / ((performance.now() - started) / 1000);
    single.close();

    process.env.SMTP_URL = smtpUrl;
    const worker = await startWorker({ databaseUrl: server.url, prisma, pollingIntervalSeconds: 2, log: () => undefined });
    const provider = await prisma.provider.create({
      data: { name: 'Bench Care', cqcLocationId: `bench-${Date.now()}`, cqcRating: 'GOOD', email: 'office@bench-care.example' },
    });
    const notices = await prisma.notification.createManyAndReturn({
      data: Array.from({ length: NOTICES }, (_, i) => ({
        providerId: provider.id,
        kind: 'OFFER_WITHDRAWN',
        title: `Offer ${i} withdrawn`,
        body: 'Placed elsewhere.',
      })),
      select: { id: true },
    });
    received = 0;
    started = performance.now();
    await prisma.$transaction((tx) =>
      enqueueNotificationEmails(
        tx,
        notices.map((n) => n.id),
      ),
    );
    const deadline = Date.now() + 300_000;
    while (received < NOTICES && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const seconds = (performance.now() - started) / 1000;
    await worker.stop();
    const recorded = await prisma.notificationEmail.count();
    await prisma.$disconnect();

    const rate = received / seconds;
    console.log(`One at a time, a connection each: ${oneByOne.toFixed(0)} emails a second (${ONE_BY_ONE} emails).`);
    console.log(
      `Worker, pooled and batched: ${received} of ${NOTICES} emails in ${seconds.toFixed(1)} s, ${rate.toFixed(0)} emails a second ` +
        `(target at least ${TARGET_PER_SECOND}: ${rate >= TARGET_PER_SECOND ? 'met' : 'MISS'}); ${recorded} sends recorded.`,
    );
    if (received !== NOTICES || recorded !== NOTICES) process.exitCode = 1;
  } finally {
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
    await server.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
