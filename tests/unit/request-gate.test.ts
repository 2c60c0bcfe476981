import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createRequestGate } from '@/lib/database/request-gate';

// A real server on loopback: each request is answered when the test says so.
let server: http.Server | null = null;
afterEach(() => new Promise<void>((resolve) => (server ? (server.closeAllConnections(), server.close(() => resolve())) : resolve())));

function serve(limit: number) {
  const gate = createRequestGate(limit);
  const started: string[] = [];
  const pending = new Map<string, http.ServerResponse>();
  let running = 0;
  let most = 0;
  server = http.createServer((req, res) =>
    gate(req, res, () => {
      running++;
      most = Math.max(most, running);
      started.push(req.url!);
      pending.set(req.url!, res);
    }),
  );
  return new Promise<{ port: number; started: string[]; answer: (url: string) => void; most: () => number }>((resolve) =>
    server!.listen(0, '127.0.0.1', () =>
      resolve({ port: (server!.address() as AddressInfo).port, started, answer: (url) => (running--, pending.get(url)!.end(url)), most: () => most }),
    ),
  );
}

const ask = (port: number, path: string) => {
  const agent = new http.Agent({ keepAlive: false });
  const req = http.get({ host: '127.0.0.1', port, path, agent });
  const body = new Promise<string>((resolve, reject) => {
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
  });
  return { body, leave: () => req.destroy() };
};

const until = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
};

describe('the request gate', () => {
  it('runs at most its limit at once and starts the others in the order they came as each ends', async () => {
    const s = await serve(2);
    const answers = ['/a', '/b', '/c', '/d'].map((p) => ask(s.port, p).body);
    await until(() => s.started.length === 2);
    await new Promise((r) => setTimeout(r, 50));
    expect(s.started).toEqual(['/a', '/b']);
    s.answer('/b');
    await until(() => s.started.length === 3);
    expect(s.started[2]).toBe('/c');
    s.answer('/a');
    await until(() => s.started.length === 4);
    s.answer('/c');
    s.answer('/d');
    expect(await Promise.all(answers)).toEqual(['/a', '/b', '/c', '/d']);
    expect(s.most()).toBe(2);
  });

  it('drops a request whose client left while it waited, and a request that ends by its client leaving frees its place', async () => {
    const s = await serve(1);
    const first = ask(s.port, '/first');
    await until(() => s.started.length === 1);
    const gone = ask(s.port, '/gone');
    gone.body.catch(() => undefined);
    const last = ask(s.port, '/last');
    await new Promise((r) => setTimeout(r, 50));
    gone.leave();
    await new Promise((r) => setTimeout(r, 50));
    first.body.catch(() => undefined);
    first.leave();
    await until(() => s.started.length === 2);
    expect(s.started).toEqual(['/first', '/last']);
    s.answer('/last');
    expect(await last.body).toBe('/last');
  });

  it('never holds the live notification stream, which stays open as long as its page, nor counts it', async () => {
    const s = await serve(1);
    const streams = [ask(s.port, '/api/notifications/stream'), ask(s.port, '/api/notifications/stream')];
    await until(() => s.started.length === 2);
    const page = ask(s.port, '/page');
    await until(() => s.started.length === 3);
    expect(s.started).toEqual(['/api/notifications/stream', '/api/notifications/stream', '/page']);
    s.answer('/page');
    expect(await page.body).toBe('/page');
    for (const stream of streams) {
      stream.body.catch(() => undefined);
      stream.leave();
    }
  });
});
