import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseMalformed } from '@/lib/security/refuse-malformed';

// As scripts/serve.ts does: anything not refused reaches the app (here, a 200).
let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!refuseMalformed(req, res)) res.end('app');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

// A raw request, so the path goes out exactly as written.
function send(method: string, path: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('requests the app has no answer for', () => {
  it('refuses TRACE with 405, a message and the security headers', async () => {
    const res = await send('TRACE', '/broker');
    expect(res.status).toBe(405);
    expect(JSON.parse(res.body).error.message).toBe('TRACE is not supported.');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
  });

  it('refuses a path with a broken %-escape with 400, not a bare 500', async () => {
    const res = await send('GET', '/packages/BDC-%zz');
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error.message).toMatch(/%/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a path that decodes to a control character such as NUL with 400, not a database error', async () => {
    for (const path of ['/packages/BDC-%00', '/contracts/%1b%5b0m', '/api/v1/packages/%7f']) {
      const res = await send('GET', path);
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body).error.message).toMatch(/control character/);
    }
  });

  it('lets everything else through, escapes and query strings included', async () => {
    for (const path of ['/broker', '/packages/BDC-%41001?q=100%', '/api/v1/offers?cursor=%zz']) expect((await send('GET', path)).body).toBe('app');
  });
});
