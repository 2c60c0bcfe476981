import { spawn } from 'node:child_process';
import path from 'node:path';

/** Applies the committed migrations (`prisma migrate deploy`) to the database at `url`. */
export async function migrateDeploy(url: string): Promise<void> {
  const cli = path.resolve(process.cwd(), 'node_modules', 'prisma', 'build', 'index.js');
  await new Promise<void>((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'migrate', 'deploy'], {
      env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`Database migration failed:\n${output.trim()}`))));
  });
}
