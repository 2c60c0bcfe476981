// Loaded into each app process by `npm run bench:load` (NODE_OPTIONS=--import): on SIGUSR2 the
// process collects all its garbage and writes its memory use to HEAP_PROBE_DIR/<pid>.json. The
// resident size alone cannot tell memory in use from heap V8 has grown into under load and keeps
// for later; the heap in use after a full collection can.
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

const dir = process.env.HEAP_PROBE_DIR;
if (dir) {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc');
  process.on('SIGUSR2', () => {
    gc();
    const file = path.join(dir, `${process.pid}.json`);
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(process.memoryUsage()));
    fs.renameSync(`${file}.tmp`, file);
  });
}
