import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { TBatchResult } from './result-types';
import type { TScenario } from './schema';

// optimise blocks its thread for up to its time limit (HiGHS runs synchronously). A web request
// should not: this runs it on a worker thread and resolves with the same result.

type TWorkerReply = { ok: true; result: TBatchResult } | { ok: false; message: string };

export function optimiseInWorker(scenario: TScenario, options: { timeLimitSeconds?: number } = {}): Promise<TBatchResult> {
  // Beside this file when run from source; from the project root when this file was bundled.
  const beside = path.join(__dirname, 'optimise-worker.ts');
  const entry = existsSync(beside) ? beside : path.join(process.cwd(), 'lib/placement/optimise-worker.ts');
  // The entry is TypeScript: the worker registers tsx's loader (as the project's scripts run
  // under tsx) before requiring it.
  const boot = `require('tsx/cjs/api').register(); require(${JSON.stringify(entry)});`;
  const worker = new Worker(boot, { eval: true, workerData: { scenario, timeLimitSeconds: options.timeLimitSeconds } });
  return new Promise<TBatchResult>((resolve, reject) => {
    worker.once('message', (reply: TWorkerReply) => {
      if (reply.ok) resolve(reply.result);
      else reject(new Error(reply.message));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`optimise worker stopped with code ${code}`));
    });
  });
}
