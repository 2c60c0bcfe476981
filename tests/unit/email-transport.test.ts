import { describe, expect, it } from 'vitest';
import { pooledSmtpUrl } from '@/lib/email/send-email';

describe('the SMTP transport', () => {
  it('asks for a pool of kept-open connections, unless the URL says otherwise', () => {
    expect(pooledSmtpUrl('smtp://mailer:s%3Dcret@mail.example:587')).toBe('smtp://mailer:s%3Dcret@mail.example:587?pool=true&maxConnections=5');
    expect(pooledSmtpUrl('smtps://mail.example/?pool=false')).toBe('smtps://mail.example/?pool=false&maxConnections=5');
    expect(pooledSmtpUrl('smtp://mail.example:25?maxConnections=2')).toBe('smtp://mail.example:25?maxConnections=2&pool=true');
  });
});
