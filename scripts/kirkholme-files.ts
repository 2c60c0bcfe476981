import fs from 'node:fs';
import path from 'node:path';
import { sheetCsv } from '../lib/import/export-council-data';
import type { TSheetName } from '../lib/import/sheets';
import { buildSeedMarket, DEFAULT_SEED, KIRKHOLME_FILES_AS_OF } from '../prisma/seed/build-market';
import { KIRKHOLME_DIR, kirkholmeMarketSheets } from '../prisma/seed/kirkholme-files';

// Writes Kirkholme's market files (prisma/seed/kirkholme/providers.csv, people.csv, contracts.csv,
// packages.csv, visits.csv and service_lines.csv) from the builder: run it after changing how the
// builder makes Kirkholme's market, and commit the files. The seed only reads them.
//   npx tsx scripts/kirkholme-files.ts

const { fromFiles } = buildSeedMarket({ seed: DEFAULT_SEED, now: KIRKHOLME_FILES_AS_OF });
for (const [sheet, cells] of Object.entries(kirkholmeMarketSheets(fromFiles))) {
  const file = path.join(KIRKHOLME_DIR, `${sheet}.csv`);
  fs.writeFileSync(file, sheetCsv(sheet as TSheetName, cells));
  console.log(`${path.relative(process.cwd(), file)}: ${cells.length} rows`);
}
