// Worker-thread entry for optimise-in-worker.ts: runs one optimisation and posts the result back.
import { parentPort, workerData } from 'node:worker_threads';
import { optimise, type TOptimiseOptions } from './optimise';
import type { TScenario } from './schema';

const { scenario, timeLimitSeconds } = workerData as { scenario: TScenario } & Pick<TOptimiseOptions, 'timeLimitSeconds'>;

optimise(scenario, { timeLimitSeconds }).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (err: unknown) => parentPort?.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
);
