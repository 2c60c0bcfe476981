import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseImportGraph, readImportGraph, type TImportGraph } from '../../scripts/architecture/import-graph';

const graph = (edges: Record<string, string[]>, typeOnly: string[] = []): TImportGraph =>
  new Map(Object.entries(edges).map(([from, targets]) => [from, targets.map((to) => ({ to, typeOnly: typeOnly.includes(`${from} → ${to}`) }))]));

describe("lib/'s import graph", () => {
  it('is at most 8 imports deep, has no cycle and does not import app/ or components/', () => {
    const report = analyseImportGraph(readImportGraph(path.resolve(__dirname, '../..')));
    expect(report.modules).toBeGreaterThan(100);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('passes a shallow graph without cycles', () => {
    const report = analyseImportGraph(graph({ 'lib/a/x.ts': ['lib/b/y.ts'], 'lib/b/y.ts': ['lib/c/z.ts', 'node-only.ts'], 'lib/c/z.ts': [] }));
    expect(report).toMatchObject({ ok: true, depth: 2, longestChain: ['lib/a/x.ts', 'lib/b/y.ts', 'lib/c/z.ts'], cycles: [], upwardImports: [] });
  });

  it('reports a cycle, with the modules in it in order', () => {
    const report = analyseImportGraph(graph({ 'lib/a.ts': ['lib/b.ts'], 'lib/b.ts': ['lib/c.ts'], 'lib/c.ts': ['lib/a.ts'], 'lib/d.ts': ['lib/d.ts'] }));
    expect(report.ok).toBe(false);
    expect(report.cycles).toEqual([
      ['lib/a.ts', 'lib/b.ts', 'lib/c.ts', 'lib/a.ts'],
      ['lib/d.ts', 'lib/d.ts'],
    ]);
    expect(report.problems).toContain('import cycle: lib/a.ts → lib/b.ts → lib/c.ts → lib/a.ts');
  });

  it('reports a chain deeper than the limit, and the chain itself', () => {
    const files = Array.from({ length: 10 }, (_, i) => `lib/m${i}.ts`);
    const report = analyseImportGraph(graph(Object.fromEntries(files.map((f, i) => [f, files.slice(i + 1, i + 2)]))));
    expect(report.depth).toBe(9);
    expect(report.longestChain).toEqual(files);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual(['import chain 9 levels deep, more than 8']);
    const nine = files.slice(1);
    expect(analyseImportGraph(graph(Object.fromEntries(nine.map((f, i) => [f, nine.slice(i + 1, i + 2)])))).depth).toBe(8);
    expect(analyseImportGraph(graph(Object.fromEntries(nine.map((f, i) => [f, nine.slice(i + 1, i + 2)])))).ok).toBe(true);
  });

  it('follows only imports that load code for depth and cycles', () => {
    const report = analyseImportGraph(graph({ 'lib/a.ts': ['lib/b.ts'], 'lib/b.ts': ['lib/a.ts'] }, ['lib/b.ts → lib/a.ts']));
    expect(report).toMatchObject({ ok: true, depth: 1, cycles: [] });
  });

  it('reports lib/ importing app/ or components/, type imports included', () => {
    const report = analyseImportGraph(
      graph({ 'lib/api/routes.ts': ['app/api/v1/route.ts'], 'lib/x.ts': ['components/button.tsx'] }, ['lib/x.ts → components/button.tsx']),
    );
    expect(report.ok).toBe(false);
    expect(report.upwardImports).toEqual([
      { from: 'lib/api/routes.ts', to: 'app/api/v1/route.ts' },
      { from: 'lib/x.ts', to: 'components/button.tsx' },
    ]);
  });

  it('lists folders holding a single file', () => {
    const report = analyseImportGraph(graph({ 'lib/a/x.ts': [], 'lib/a/y.ts': [], 'lib/b/z.ts': [] }));
    expect(report.singleFileFolders).toEqual(['lib/b']);
  });
});
