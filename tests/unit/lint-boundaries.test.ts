import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

// The layers of docs/architecture.md are enforced by eslint.config.mjs. These cases lint small
// made-up files placed in the real tree: each breach must fail with the rule that guards it, and
// the ordinary imports of each layer must pass, so the config can neither rot open nor lock shut.

let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve(__dirname, '../..') });
});

async function rulesBroken(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => m.ruleId ?? m.message);
}

describe('import boundaries', () => {
  it('refuses the database in a component', async () => {
    expect(await rulesBroken('components/breach.tsx', "import { prisma } from '@/lib/db';\nexport const n = prisma;\n")).toContain('no-restricted-imports');
  });

  it('refuses Prisma in a page', async () => {
    expect(await rulesBroken('app/(broker)/breach/page.tsx', "import { PrismaClient } from '@prisma/client';\nexport const C = PrismaClient;\n")).toContain(
      'no-restricted-imports',
    );
  });

  it('refuses a route importing another route group', async () => {
    expect(await rulesBroken('app/(duty)/breach.ts', "import * as broker from '@/app/(broker)/broker/page';\nexport const b = broker;\n")).toContain(
      'boundaries/dependencies',
    );
  });

  it('refuses lib importing a route or a component', async () => {
    expect(await rulesBroken('lib/package/breach.ts', "import * as layout from '@/app/layout';\nexport const l = layout;\n")).toContain(
      'boundaries/dependencies',
    );
    expect(await rulesBroken('lib/package/breach.ts', "import * as table from '@/components/table';\nexport const t = table;\n")).toContain(
      'boundaries/dependencies',
    );
  });

  it('keeps the engine pure', async () => {
    expect(await rulesBroken('lib/placement/breach.ts', "import { prisma } from '@/lib/db';\nexport const p = prisma;\n")).toContain('boundaries/dependencies');
  });

  it('lets each layer import what it should', async () => {
    expect(await rulesBroken('app/(broker)/fine/page.tsx', "import { DataTable } from '@/components/table';\nexport const t = DataTable;\n")).toEqual([]);
    expect(await rulesBroken('lib/package/fine.ts', "import { prisma } from '@/lib/db';\nexport const p = prisma;\n")).toEqual([]);
    expect(await rulesBroken('components/fine.tsx', "import { formatLondon } from '@/lib/time/london';\nexport const f = formatLondon;\n")).toEqual([]);
  });
});
