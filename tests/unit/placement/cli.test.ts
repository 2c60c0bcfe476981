import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

// The command line as an integrator runs it: `npm run --silent placement -- …` is tsx on this file.

const root = path.resolve(__dirname, '../../..');
const tsx = path.join(root, 'node_modules/tsx/dist/cli.mjs');

function placement(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [tsx, 'scripts/placement.ts', ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('placement command line', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'placement-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const generated = placement(['generate', '--seed', '11', '--scale', '0.1', '--tightness', '1.2']);
  const file = path.join(dir, 'scenario.json');
  writeFileSync(file, generated.stdout);

  it('generates the same scenario byte for byte for the same seed', () => {
    expect(generated.status).toBe(0);
    expect(JSON.parse(generated.stdout).packages.length).toBe(30);
    expect(placement(['generate', '--seed', '11', '--scale', '0.1', '--tightness', '1.2']).stdout).toBe(generated.stdout);
  });

  it('prints only one JSON document for a good scenario, from a file or standard input', () => {
    const greedy = placement(['greedy', file]);
    expect(greedy.status).toBe(0);
    expect(JSON.parse(greedy.stdout).summary.packages).toBe(30);
    const optimised = placement(['optimise', '-', '--time-limit', '5'], generated.stdout);
    expect(optimised.status).toBe(0);
    expect(JSON.parse(optimised.stdout).solver.status).toBe('OPTIMAL');
    const ranked = placement(['rank', file]);
    expect(JSON.parse(ranked.stdout).rankings).toHaveLength(30);
  });

  // Shape is checked first: references are only looked at once the shape is sound.
  it('refuses a bad scenario with exit 2 and one line per problem naming its path', () => {
    const s = JSON.parse(generated.stdout);
    s.packages[3].visits[0].start = '7.30';
    s.contracts[0].providerId = 'NOBODY';
    const r = placement(['greedy', '-'], JSON.stringify(s));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual(['packages[3].visits[0].start: expected HH:MM']);
    s.packages[3].visits[0].start = '07:30';
    const refs = placement(['rank', '-'], JSON.stringify(s));
    expect(refs.status).toBe(2);
    expect(refs.stderr.trim().split('\n')).toEqual(['contracts[0].providerId: unknown provider NOBODY']);
  });

  it('refuses text that is not JSON, and bad usage, with exit 2', () => {
    const bad = placement(['greedy', '-'], '{"now": ');
    expect([bad.status, bad.stdout]).toEqual([2, '']);
    expect(bad.stderr).toMatch(/^\(scenario\): not valid JSON/);
    for (const args of [
      [],
      ['place', file],
      ['optimise', file, '--time-limit', 'soon'],
      ['generate', '--scale', '2'],
      ['greedy'],
      ['greedy', path.join(dir, 'missing.json')],
    ]) {
      const r = placement(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).not.toBe('');
    }
  });
});
