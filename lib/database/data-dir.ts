import path from 'node:path';

/** Where local state lives (the embedded database, demo sign-ins): git-ignored. */
export function dataDir(): string {
  return path.resolve(process.cwd(), process.env.HOMEFIRST_DATA_DIR ?? '.data');
}
