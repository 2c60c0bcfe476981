import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every server-side operation that writes to the database also writes to the audit trail, through
// recordAudit or, in a statement that does everything at once, its own INSERT INTO "AuditEvent".
// The few files that write without auditing are named here with the reason, so a new one cannot
// slip in.
const WRITES_WITHOUT_AUDIT: Record<string, string> = {
  'lib/audit/record-audit.ts': 'it is the audit trail',
  'lib/auth/api-token-cache.ts': 'no database write: `.delete(` forgets a token in an in-memory map',
  'lib/auth/throttle.ts': 'brute-force counters; the sign-in attempt itself is audited in authenticate.ts',
  'lib/auth/one-time-token.ts': 'called only inside audited transactions (invite, reset, set password)',
  'lib/dashboard/sql.ts': 'its only $executeRaw is SET LOCAL work_mem for its own read-only query',
  'lib/offer/make-offers.ts': 'called only inside the audited transaction of the operation that makes the offers (open a round, push, offer by hand, re-place)',
  'lib/package/continue-service-lines.ts':
    'called only inside the audited transaction of the change that hands the care on (a provider failure, a hand-back from hospital, a re-tender)',
  'lib/offer/withdraw-open-offers.ts': 'called only inside the audited transaction of the change that withdraws (accept, change, cancel)',
  'lib/notification/notify.ts': 'called only inside the audited transaction of the change it announces (post, close round, accept)',
  'lib/notification/mark-notifications-read.ts': "a reader's own read marker on their notifications, not a change to any record",
  'lib/notification/queue-email.ts': 'queues emails inside the audited transaction or statement of the change they follow',
  'lib/approval/approval-history.ts':
    "writes a package's approval history only inside the audited transaction of the decision (approve a package, decide a change request)",
  'lib/notification/send-notification-email.ts':
    'records the addresses a notice was emailed to, so a retried send skips them: delivery bookkeeping, not a change to any record',
  'lib/notification/notification-hub.ts': 'no database write: `.delete(` removes a listener from an in-memory set',
  'lib/import/import-council-data.ts':
    "writes only inside the transaction whose onApplied hook records the import's one data.import event (run-import.ts); seeding calls it to load the demo council",
  'lib/idempotency/once-per-key.ts': 'keeps the first answer to a write sent with a key, and sweeps expired keys; the write itself is audited by its operation',
  'lib/webhook/webhook-events.ts': 'no database write: `.update(` feeds the body to the HMAC that signs it',
  'lib/webhook/deliver-webhooks.ts':
    'queues and posts the webhook outbox, recording each attempt on its delivery row (the delivery log): bookkeeping of events whose changes were audited',
  'lib/whatif/run-what-if-job.ts':
    "the worker's what-if run writes only its own scenario row's progress and figures (the run was asked for in an audited request); its live reads are in a read-only transaction",
  'lib/notification/send-email-digests.ts': "moves a digest user's own lastDigestAt marker when their digest is sent, not a change to any record",
  'lib/package/change-visits.ts': 'called only inside the audited transaction of the change it is part of (change a package, an import)',
};

const WRITE =
  /\.(create|createMany|createManyAndReturn|update|updateMany|updateManyAndReturn|upsert|delete|deleteMany)\(|\$executeRaw|\bINSERT\s+INTO\b|\bUPDATE\s+"/;

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? files(full) : /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('audit coverage', () => {
  const writers = [...files('lib'), ...files('app')].filter(
    (f) => !f.startsWith(path.join('lib', 'placement')) && !f.startsWith(path.join('lib', 'database')) && WRITE.test(fs.readFileSync(f, 'utf8')),
  );

  it('finds the operations that write (so this check is looking at something)', () => {
    expect(writers.length).toBeGreaterThanOrEqual(6);
  });

  it.each(writers)('%s records what it changes in the audit trail', (file) => {
    if (WRITES_WITHOUT_AUDIT[file]) return;
    expect(fs.readFileSync(file, 'utf8')).toMatch(/recordAudit\(|INSERT INTO "AuditEvent"/);
  });

  it('lists no exception that no longer writes', () => {
    for (const file of Object.keys(WRITES_WITHOUT_AUDIT)) expect(writers).toContain(file);
  });
});
