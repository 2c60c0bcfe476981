// Load shapes for the claim benchmark: a closed loop (N clients, each sending its next request as
// soon as the last one answers), an open loop (requests at a fixed rate whatever the answers do,
// latency counted from when each was due, so a slow server cannot hide its queue) and a burst
// (everything at once). Plus the HTTP call they make, over keep-alive connections.
import http from 'node:http';

/** One answer: how long it took, and which of the items it was for. */
export type TSample = { index: number; ms: number; status: number; message?: string };

export type TRun = { samples: TSample[]; seconds: number; ranOut: boolean };

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** POST /api/v1/offers/{id}/accept as the token's provider; the answer's status and, on failure, its message. */
export function acceptOverHttp(agent: http.Agent, base: URL, offerId: string, token: string | null): Promise<{ status: number; message?: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        agent,
        host: base.hostname,
        port: base.port,
        method: 'POST',
        path: `/api/v1/offers/${offerId}/accept`,
        headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-length': 0 },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => {
          const status = response.statusCode ?? 0;
          if (status === 200) return resolve({ status });
          let message: string | undefined;
          try {
            message = (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { error?: { message?: string } }).error?.message;
          } catch {
            message = Buffer.concat(chunks).toString('utf8').slice(0, 120);
          }
          resolve({ status, message });
        });
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end();
  });
}

export async function closedLoop<T>(
  clients: number,
  seconds: number,
  items: readonly T[],
  call: (item: T) => Promise<{ status: number; message?: string }>,
): Promise<TRun> {
  const samples: TSample[] = [];
  let next = 0;
  const start = performance.now();
  const end = start + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end && next < items.length) {
        const index = next++;
        const t = performance.now();
        const outcome = await call(items[index]).catch((error: Error) => ({ status: 0, message: error.message }));
        samples.push({ index, ms: performance.now() - t, ...outcome });
      }
    }),
  );
  return { samples, seconds: (performance.now() - start) / 1000, ranOut: next >= items.length };
}

export async function openLoop<T>(
  perSecond: number,
  seconds: number,
  items: readonly T[],
  call: (item: T) => Promise<{ status: number; message?: string }>,
): Promise<TRun> {
  const total = Math.min(items.length, Math.round(perSecond * seconds));
  const gap = 1000 / perSecond;
  const samples: TSample[] = [];
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + i * gap;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const index = i;
    pending.push(
      call(items[index])
        .catch((error: Error) => ({ status: 0, message: error.message }))
        .then((outcome) => void samples.push({ index, ms: performance.now() - due, ...outcome })),
    );
  }
  await Promise.all(pending);
  return { samples, seconds: (performance.now() - start) / 1000, ranOut: total < Math.round(perSecond * seconds) };
}

export async function burst<T>(items: readonly T[], call: (item: T) => Promise<{ status: number; message?: string }>): Promise<TRun> {
  const start = performance.now();
  const samples = await Promise.all(
    items.map(async (item, index) => {
      const t = performance.now();
      const outcome = await call(item).catch((error: Error) => ({ status: 0, message: error.message }));
      return { index, ms: performance.now() - t, ...outcome };
    }),
  );
  return { samples, seconds: (performance.now() - start) / 1000, ranOut: false };
}

/**
 * Where an open loop's late answers were due: runs of answers over `overMs`, merged when due
 * within a second of each other, as "from–to s" since the start, with the longest wait in each.
 * One slow moment that holds up everything due in it reads as one stretch; a slow server, as many.
 */
export function lateStretches(run: TRun, perSecond: number, overMs: number): { from: number; to: number; late: number; longestMs: number }[] {
  const late = run.samples.filter((s) => s.ms > overMs).sort((a, b) => a.index - b.index);
  const stretches: { from: number; to: number; late: number; longestMs: number }[] = [];
  for (const s of late) {
    const due = s.index / perSecond;
    const last = stretches.at(-1);
    if (last && due - last.to <= 1) {
      last.to = due;
      last.late += 1;
      last.longestMs = Math.max(last.longestMs, s.ms);
    } else stretches.push({ from: due, to: due, late: 1, longestMs: s.ms });
  }
  return stretches;
}
