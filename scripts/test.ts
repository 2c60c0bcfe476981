// `npm test`: the guardrails (format, lint with the import boundaries, unused code, the shape of
// lib's import graph, types), unit tests, integration tests on a real PostgreSQL, then the browser
// tests in Debian's Chromium against the built app. Without a Chromium the browser step says so loudly,
// and fails under CI=true.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const bin = (name: string) => path.resolve('node_modules', '.bin', name);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ci = process.env.CI === 'true' || process.env.CI === '1';

function step(title: string, command: string, args: string[]) {
  console.log(`\n=== ${title} ===`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: process.env });
  if (result.status !== 0) {
    console.error(`\n${title} failed.`);
    process.exit(result.status ?? 1);
  }
}

/**
 * The guardrails, each single-threaded, run two at a time (the longest, ESLint, beside the rest in
 * turn); each one's output is printed whole when it ends, in this order, and any failure stops the run.
 */
async function guardrails() {
  const run = (title: string, command: string, args: string[]) =>
    new Promise<{ title: string; status: number | null; output: string }>((resolve) => {
      const child = spawn(command, args, { env: process.env });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      child.on('close', (status) => resolve({ title, status, output }));
    });
  const rest = async () => [
    await run('Format (Prettier)', bin('prettier'), ['--check', '--log-level=warn', '.']),
    await run('Unused files, exports and dependencies (knip)', bin('knip'), ['--no-progress']),
    await run('Import graph of lib/', bin('tsx'), ['scripts/check-architecture.ts']),
    await run('Type check', bin('tsc'), ['--noEmit']),
  ];
  const [lint, others] = await Promise.all([run('Lint and import boundaries (ESLint)', bin('eslint'), ['--max-warnings=0', '.']), rest()]);
  for (const result of [...others, lint]) {
    console.log(`\n=== ${result.title} ===`);
    process.stdout.write(result.output);
    if (result.status !== 0) {
      console.error(`\n${result.title} failed.`);
      process.exit(result.status ?? 1);
    }
  }
}

async function main() {
  await guardrails();
  step('Unit tests', bin('vitest'), ['run', '--project', 'unit']);
  step('Integration tests (PostgreSQL)', bin('vitest'), ['run', '--project', 'integration']);
  if (fs.existsSync(chromium)) {
    step('Browser tests (Chromium)', bin('playwright'), ['test']);
  } else {
    const message = `NO CHROMIUM at ${chromium}: the browser tests did not run. Install it with \`apt-get install -y chromium\` or set CHROMIUM_PATH.`;
    console.error(`\n${'!'.repeat(message.length)}\n${message}\n${'!'.repeat(message.length)}`);
    if (ci) process.exit(1);
  }
  console.log('\nAll tests passed.');
}

void main();
