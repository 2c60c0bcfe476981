import type { ServerResponse } from 'node:http';

// A busy process renders at most a few pages at once and lets the others wait their turn, first
// come first served, instead of starting them all: every page started holds its share of the
// database pool and of memory while it waits for the CPU, so past a handful at once more only
// makes each slower, the pool runs out (a request then waits 2.5 s for a connection and fails)
// and memory climbs with the queue. Waiting requests cost a socket and nothing else.

/** Lets `start` run now, or when one of the `limit` requests running ends; a request whose client left while it waited is dropped. */
export type TRequestGate = (res: ServerResponse, start: () => void) => void;

export function createRequestGate(limit: number): TRequestGate {
  let running = 0;
  const waiting: ServerResponse[] = [];
  const starts = new WeakMap<ServerResponse, () => void>();

  const begin = (res: ServerResponse) => {
    running++;
    let ended = false;
    const end = () => {
      if (ended) return;
      ended = true;
      running--;
      next();
    };
    res.once('finish', end);
    res.once('close', end);
    starts.get(res)!();
  };
  const next = () => {
    while (running < limit && waiting.length > 0) {
      const res = waiting.shift()!;
      if (!res.destroyed && res.socket?.destroyed !== true) begin(res);
    }
  };

  return (res, start) => {
    starts.set(res, start);
    if (running < limit && waiting.length === 0) begin(res);
    else waiting.push(res);
  };
}
