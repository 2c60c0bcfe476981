import fs from 'node:fs';
import path from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '@/lib/api/openapi';

const document = openApiDocument('https://brokerage.example.org');

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? routeFiles(full) : e.name === 'route.ts' ? [full] : [];
  });
}

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document', async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('describes exactly the /api/v1 routes that exist, method by method', () => {
    const documented = Object.entries(document.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    const existing = routeFiles(path.join('app', 'api', 'v1'))
      .filter((f) => !f.includes('openapi.json'))
      .flatMap((f) => {
        const url = `/${path.dirname(f).split(path.sep).slice(1).join('/')}`.replace(/\[(\w+)\]/g, '{$1}');
        const source = fs.readFileSync(f, 'utf8');
        // Declared in the file, or re-exported from lib/api/v1 (`export { GET } from …`).
        return ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']
          .filter((m) => new RegExp(`export const ${m}\\b|^export \\{[^}]*\\b${m}\\b[^}]*\\} from`, 'm').test(source))
          .map((m) => `${m} ${url}`);
      })
      .sort();
    expect(documented).toEqual(existing);
  });

  it('carries the request schemas the routes parse with, field errors in plain words included', () => {
    const create = document.paths['/api/v1/packages'].post.requestBody.content['application/json'].schema as {
      properties: { draft: { properties: Record<string, unknown> } };
    };
    expect(Object.keys(create.properties.draft.properties)).toEqual(expect.arrayContaining(['localityId', 'pathway', 'visits', 'serviceLines']));
    // Who pays: the lead funder, and a split's ICB share with the bounds the package page keeps.
    expect(create.properties.draft.properties.icbSharePercent).toMatchObject({ type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 100 });
  });
});
