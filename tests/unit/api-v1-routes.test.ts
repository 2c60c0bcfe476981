import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { V1_ROUTES } from '@/lib/api/v1-routes';

// The production server's API path serves the handlers V1_ROUTES lists: a route added under
// app/api/v1 and not listed would still work, through Next.js, but this says so first.

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === 'route.ts' ? [full] : [];
  });
}

describe('V1_ROUTES', () => {
  const files = routeFiles(path.join('app', 'api', 'v1'));

  it('lists every route handler under app/api/v1, by its path', () => {
    expect(files.length).toBeGreaterThanOrEqual(8);
    const paths = files.map((f) => `/${path.dirname(f).split(path.sep).slice(1).join('/')}`).sort();
    expect(Object.keys(V1_ROUTES).sort()).toEqual(paths);
  });

  // A route file re-exports its handlers from lib/api/v1, so what it exports is read from the module itself.
  const methodsOf = async (file: string): Promise<Record<string, unknown>> =>
    Object.fromEntries(Object.entries(await import(path.resolve(file))).filter(([k]) => /^(GET|POST|PUT|PATCH|DELETE)$/.test(k)));

  it('gives each path the methods its file exports', async () => {
    for (const file of files) {
      const exported = Object.keys(await methodsOf(file)).sort();
      const listed = Object.keys(V1_ROUTES[`/${path.dirname(file).split(path.sep).slice(1).join('/')}`] ?? {})
        .filter((k) => /^[A-Z]+$/.test(k))
        .sort();
      expect(listed, file).toEqual(exported);
    }
  });

  it('serves, for each method, the very handler its route file exports', async () => {
    for (const file of files) {
      const listed = V1_ROUTES[`/${path.dirname(file).split(path.sep).slice(1).join('/')}`] ?? {};
      for (const [method, handler] of Object.entries(await methodsOf(file))) expect(listed[method as keyof typeof listed], `${file} ${method}`).toBe(handler);
    }
  });
});
