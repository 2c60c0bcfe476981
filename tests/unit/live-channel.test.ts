import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Notices are announced on the live channel after their transaction commits, by
// lib/notification/notify.ts alone (withNotices, and announce for an acceptance's one statement):
// a NOTIFY inside a writing transaction holds PostgreSQL's notify lock until that commit is
// flushed, and queues every other such commit behind it. The one other channel is named here with
// the reason.
const OTHER_CHANNELS: Record<string, string> = {
  'lib/auth/api-token.ts':
    'revoking a token tells every process to forget it (TOKEN_CHANNEL) in the revoking transaction, so the message goes if and only if the revocation commits: a lost one would leave a revoked token usable from memory',
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

const source = [...files('lib'), ...files('app'), ...files('components'), ...files('scripts')].map((file) => ({ file, text: fs.readFileSync(file, 'utf8') }));
const inNotificationModule = (file: string) => file.startsWith(path.join('lib', 'notification') + path.sep);

describe('the live channel', () => {
  it('is sent to only by the notification module, and by the token revocation on its own channel', () => {
    const senders = source.filter(({ text }) => /pg_notify|\bNOTIFY\s/i.test(text)).map(({ file }) => file);
    expect(senders.filter((f) => !inNotificationModule(f)).sort()).toEqual(Object.keys(OTHER_CHANNELS).sort());
    for (const file of Object.keys(OTHER_CHANNELS)) {
      const calls = source.find((s) => s.file === file)!.text.match(/pg_notify\([^,]*/g) ?? [];
      expect(calls.length).toBeGreaterThan(0);
      for (const call of calls) expect(call).toMatch(/TOKEN_CHANNEL/);
    }
  });

  it('has its name used outside the notification module only to listen', () => {
    const users = source.filter(({ file, text }) => !inNotificationModule(file) && /NOTIFICATION_CHANNEL|homefirst_notifications/.test(text));
    expect(users.map((u) => u.file)).toEqual([]);
  });

  it('is written to only through withNotices, which announces after the commit', () => {
    const notifying = source.filter(({ file, text }) => !inNotificationModule(file) && /\bnotify\(/.test(text));
    expect(notifying.length).toBeGreaterThanOrEqual(6);
    for (const { file, text } of notifying) expect(`${file}: ${/withNotices\(|TNoticeTx/.test(text)}`).toBe(`${file}: true`);
  });
});

describe('the worker', () => {
  it('is set up in lib/worker, which nothing else in lib/ or app/ imports', () => {
    const importers = source.filter(
      ({ file, text }) =>
        !file.startsWith(path.join('lib', 'worker') + path.sep) && !file.startsWith('scripts') && /from '(@\/lib|\.\.?)\/(\.\.\/)*worker\//.test(text),
    );
    expect(importers.map((i) => i.file)).toEqual([]);
  });

  it('keeps pg-boss workers out of lib/jobs, which operations import to queue', () => {
    const jobs = source.filter(({ file }) => file.startsWith(path.join('lib', 'jobs') + path.sep));
    expect(jobs.length).toBeGreaterThan(0);
    for (const { file, text } of jobs) expect(`${file}: ${/\.(work|start|createQueue|schedule)\(/.test(text)}`).toBe(`${file}: false`);
  });
});
