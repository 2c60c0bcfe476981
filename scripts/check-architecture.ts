// Checks lib/'s import graph: no chain of more than MAX_DEPTH imports, no cycle, no import of app/
// or components/. Prints the longest chain and the folders holding a single file either way.
import path from 'node:path';
import { analyseImportGraph, MAX_DEPTH, readImportGraph } from './architecture/import-graph';

const report = analyseImportGraph(readImportGraph(path.resolve(__dirname, '..')));

console.log(`lib/: ${report.modules} modules; longest import chain ${report.depth} levels deep (at most ${MAX_DEPTH}):`);
for (const [i, file] of report.longestChain.entries()) console.log(`  ${' '.repeat(i)}${file}`);
console.log(`cycles: ${report.cycles.length === 0 ? 'none' : ''}`);
for (const cycle of report.cycles) console.log(`  ${cycle.join(' → ')}`);
console.log(`imports of app/ or components/: ${report.upwardImports.length === 0 ? 'none' : ''}`);
for (const { from, to } of report.upwardImports) console.log(`  ${from} → ${to}`);
console.log(`folders holding one file: ${report.singleFileFolders.length === 0 ? 'none' : report.singleFileFolders.join(', ')}`);

if (!report.ok) {
  console.error(`\narchitecture check failed:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log('\narchitecture check passed');
