// Command line for the placement engine (docs/placement.md, "Command line"):
//   placement rank|greedy <scenario.json|->
//   placement optimise <scenario.json|-> [--time-limit <seconds>]
//   placement generate --seed <n> [--scale <x>] [--tightness <t>]
// One JSON document on stdout; any problem exits 2 with one line per problem on stderr.
import { readFile } from 'node:fs/promises';
import { generate, greedy, optimise, parseScenario, rankEach, type TScenario } from '@/lib/placement';

const USAGE = [
  'usage: placement rank <scenario.json|->',
  '       placement greedy <scenario.json|->',
  '       placement optimise <scenario.json|-> [--time-limit <seconds>]',
  '       placement generate --seed <n> [--scale <x>] [--tightness <t>]',
].join('\n');

class UsageError extends Error {}

function fail(lines: string[]): void {
  process.stderr.write(`${lines.join('\n')}\n`);
  process.exitCode = 2;
}

function write(chunk: string): Promise<void> {
  return new Promise((resolve, reject) => {
    process.stdout.write(chunk, (err) => (err ? reject(err) : resolve()));
  });
}

/** `--name value` options after the positional arguments; anything unexpected is a usage error. */
function options(args: string[], allowed: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i];
    if (!allowed.includes(name)) throw new UsageError(`unexpected argument ${name}`);
    if (i + 1 >= args.length) throw new UsageError(`${name} needs a value`);
    out.set(name, args[i + 1]);
  }
  return out;
}

function numberOption(opts: Map<string, string>, name: string, check: (x: number) => boolean, what: string): number | undefined {
  const raw = opts.get(name);
  if (raw === undefined) return undefined;
  const x = Number(raw);
  if (raw.trim() === '' || !check(x)) throw new UsageError(`${name} must be ${what}, got ${raw}`);
  return x;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** The scenario, or null after reporting why it cannot be used. */
async function loadScenario(source: string | undefined): Promise<TScenario | null> {
  if (source === undefined) throw new UsageError('missing scenario file (use - for standard input)');
  let text: string;
  try {
    text = source === '-' ? await readStdin() : await readFile(source, 'utf8');
  } catch (err) {
    fail([`${source}: cannot read: ${(err as Error).message}`]);
    return null;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    fail([`(scenario): not valid JSON: ${(err as Error).message}`]);
    return null;
  }
  const parsed = parseScenario(json);
  if (!parsed.ok) {
    fail(parsed.errors);
    return null;
  }
  return parsed.scenario;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

/** Rankings are written one at a time: at scale they are far larger than any one string may be. */
async function writeRankings(scenario: TScenario): Promise<void> {
  await write('{\n  "rankings": [');
  let first = true;
  for (const ranking of rankEach(scenario)) {
    await write(`${first ? '' : ','}\n${pretty(ranking).replace(/^/gm, '    ')}`);
    first = false;
  }
  await write(first ? ']\n}\n' : '\n  ]\n}\n');
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'rank':
    case 'greedy':
    case 'optimise': {
      const [source, ...flags] = rest;
      if (source !== undefined && source.startsWith('--')) throw new UsageError('the scenario file comes before options');
      const opts = options(flags, command === 'optimise' ? ['--time-limit'] : []);
      const timeLimit = numberOption(opts, '--time-limit', (x) => Number.isFinite(x) && x > 0, 'a number of seconds above 0');
      const scenario = await loadScenario(source);
      if (scenario === null) return;
      if (command === 'rank') return writeRankings(scenario);
      const result = command === 'greedy' ? greedy(scenario) : await optimise(scenario, { timeLimitSeconds: timeLimit ?? 10 });
      return write(`${pretty(result)}\n`);
    }
    case 'generate': {
      const opts = options(rest, ['--seed', '--scale', '--tightness']);
      const seed = numberOption(opts, '--seed', Number.isSafeInteger, 'a whole number');
      if (seed === undefined) throw new UsageError('generate needs --seed <n>');
      const scale = numberOption(opts, '--scale', (x) => Number.isFinite(x) && x > 0 && x <= 1000, 'above 0 and at most 1000');
      const tightness = numberOption(opts, '--tightness', (x) => Number.isFinite(x) && x > 0, 'a number above 0');
      return write(`${pretty(generate({ seed, scale, tightness }))}\n`);
    }
    default:
      throw new UsageError(command === undefined ? 'missing command' : `unknown command ${command}`);
  }
}

main(process.argv.slice(2)).catch((err: unknown) => {
  if (err instanceof UsageError) fail([`placement: ${err.message}`, USAGE]);
  else {
    process.stderr.write(`placement: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  }
});
