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

  it('gives each path the methods its file exports', () => {
    for (const file of files) {
      const exported = [...fs.readFileSync(file, 'utf8').matchAll(/^export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/gm)]
        .map((m) => m[1])
        .sort();
      const listed = Object.keys(V1_ROUTES[`/${path.dirname(file).split(path.sep).slice(1).join('/')}`] ?? {})
        .filter((k) => /^[A-Z]+$/.test(k))
        .sort();
      expect(listed, file).toEqual(exported);
    }
  });
});
