import type { IncomingMessage, ServerResponse } from 'node:http';

// A busy process renders at most a few pages at once and lets the others wait their turn, first
// come first served, instead of starting them all: every page started holds its share of the
// database pool and of memory while it waits for the CPU, so past a handful at once more only
// makes each slower, the pool runs out (a request then waits 2.5 s for a connection and fails)
// and memory climbs with the queue. Waiting requests cost a socket and nothing else.

// A live stream (the notification bell's server-sent events) stays open as long as its page does:
// it would hold its place for ever, and a few open tabs would stop the process answering at all.
// Streams go straight through; they cost nothing while idle.
const STREAMS = ['/api/notifications/stream'];

const isStream = (req: IncomingMessage) => STREAMS.some((path) => req.url === path || req.url?.startsWith(`${path}?`));

/**
 * Lets `start` run now, or when one of the `limit` requests running ends; a request whose client
 * left while it waited is dropped. Live streams are never held.
 */
export type TRequestGate = (req: IncomingMessage, res: ServerResponse, start: () => void) => void;

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

  return (req, res, start) => {
    if (isStream(req)) return start();
    starts.set(res, start);
    if (running < limit && waiting.length === 0) begin(res);
    else waiting.push(res);
  };
}
