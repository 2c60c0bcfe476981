import { describe, expect, it } from 'vitest';
import { pooledSmtpUrl, SMTP_TIMEOUT_SECONDS } from '@/lib/email/send-email';
import { emailRecoverySeconds, MAINTENANCE_SECONDS, NOTIFICATION_EMAIL_QUEUE } from '@/lib/worker/job-queues';

const timeouts = 'connectionTimeout=10000&greetingTimeout=10000&socketTimeout=10000';

describe('the SMTP transport', () => {
  it('asks for a pool of kept-open connections, unless the URL says otherwise', () => {
    expect(pooledSmtpUrl('smtp://mailer:s%3Dcret@mail.example:587')).toBe(`smtp://mailer:s%3Dcret@mail.example:587?pool=true&maxConnections=5&${timeouts}`);
    expect(pooledSmtpUrl('smtps://mail.example/?pool=false')).toBe(`smtps://mail.example/?pool=false&maxConnections=5&${timeouts}`);
    expect(pooledSmtpUrl('smtp://mail.example:25?maxConnections=2')).toBe(`smtp://mail.example:25?maxConnections=2&pool=true&${timeouts}`);
  });

  it('gives up on a hung server in seconds, not nodemailer’s minutes, unless the URL says otherwise', () => {
    expect(pooledSmtpUrl('smtp://mail.example:25?socketTimeout=3000')).toBe(
      'smtp://mail.example:25?socketTimeout=3000&pool=true&maxConnections=5&connectionTimeout=10000&greetingTimeout=10000',
    );
  });
});

describe('email jobs a stopped worker had taken', () => {
  it('expire only after a send would have given up, so a live worker never loses its job', () => {
    // A send may wait for a pooled connection, then talk to the server: both within SMTP_TIMEOUT_SECONDS.
    expect(SMTP_TIMEOUT_SECONDS * 2).toBeLessThanOrEqual(NOTIFICATION_EMAIL_QUEUE.expireInSeconds);
  });

  it('are sent again within about a minute of being taken, once a worker runs', () => {
    expect(MAINTENANCE_SECONDS).toBeLessThan(NOTIFICATION_EMAIL_QUEUE.expireInSeconds);
    // Expiry 30 s, two upkeep periods of 10 s, a first retry of up to 10 s, a poll of 2 s.
    expect(emailRecoverySeconds(2)).toBe(62);
  });
});
