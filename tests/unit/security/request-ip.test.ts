import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER, clientAddress, requestIp, stampClientAddress } from '@/lib/auth/request-ip';

describe('the address a request came from', () => {
  it('is the connection peer unless our own proxy is trusted, and then only the hop it added', () => {
    expect(clientAddress('127.0.0.1', '6.6.6.6', false)).toBe('127.0.0.1');
    expect(clientAddress('::ffff:10.0.0.9', undefined, false)).toBe('10.0.0.9');
    expect(clientAddress('10.0.0.2', '6.6.6.6, 203.0.113.7', true)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.2', undefined, true)).toBe('10.0.0.2');
    expect(clientAddress(undefined, undefined, false)).toBe('unknown');
  });
});

describe('the production server stamps it on every request', () => {
  let server: http.Server;
  let base: string;

  beforeAll(async () => {
    // As scripts/serve.ts does, then read the address back the way pages, actions and the API path do.
    server = http.createServer((req, res) => {
      stampClientAddress(req);
      const fromRaw = new Headers();
      for (let i = 0; i < req.rawHeaders.length; i += 2) fromRaw.append(req.rawHeaders[i], req.rawHeaders[i + 1]);
      res.end(JSON.stringify({ raw: requestIp(fromRaw), parsed: req.headers[CLIENT_ADDRESS_HEADER] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = async (headers: Record<string, string>) => (await fetch(base, { headers })).json() as Promise<{ raw: string; parsed: string }>;

  it('ignores a forged X-Forwarded-For and a forged stamp', async () => {
    expect(await ask({ 'x-forwarded-for': '6.6.6.6', [CLIENT_ADDRESS_HEADER]: '6.6.6.7' })).toEqual({ raw: '127.0.0.1', parsed: '127.0.0.1' });
  });

  it('behind a trusted proxy, takes the hop the proxy added, not what the client wrote before it', async () => {
    process.env.TRUST_PROXY = '1';
    try {
      expect(await ask({ 'x-forwarded-for': '6.6.6.6, 198.51.100.4' })).toEqual({ raw: '198.51.100.4', parsed: '198.51.100.4' });
    } finally {
      delete process.env.TRUST_PROXY;
    }
  });
});
