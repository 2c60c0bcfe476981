import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';
import { dataDir } from '@/lib/database/data-dir';

// Email goes out through the SMTP server named by SMTP_URL (smtp://user:pass@host:587 or
// smtps://…), over a small pool of kept-open connections. Without one, in development, each message is written to .data/outbox as an .eml
// file instead, so nothing is silently lost.

export type TEmail = { to: string; subject: string; text: string };

let transport: Transporter | undefined;
let transportUrl: string | undefined;

/** How many connections to the SMTP server one process keeps open and sends over at once. */
const SMTP_CONNECTIONS = 5;

/**
 * The longest one email may take to be accepted, waiting for a pooled connection included, in
 * seconds. Below the email job's expiry (NOTIFICATION_EMAIL_QUEUE in lib/worker/job-queues.ts), so
 * a live worker's job never expires under it: a hung server fails the send, and the job is retried.
 */
export const SMTP_TIMEOUT_SECONDS = 10;

/**
 * The SMTP URL with a connection pool asked for (unless the URL says otherwise): messages reuse
 * a few open connections instead of a handshake (and TLS) each. Connecting, the server's greeting
 * and any silence on the connection are each cut off at SMTP_TIMEOUT_SECONDS (nodemailer waits
 * minutes by default), so a message stuck on a hung connection is given up, not sent late.
 */
export function pooledSmtpUrl(url: string): string {
  const pooled = new URL(url);
  const defaults = {
    pool: 'true',
    maxConnections: String(SMTP_CONNECTIONS),
    connectionTimeout: String(SMTP_TIMEOUT_SECONDS * 1000),
    greetingTimeout: String(SMTP_TIMEOUT_SECONDS * 1000),
    socketTimeout: String(SMTP_TIMEOUT_SECONDS * 1000),
  };
  for (const [key, value] of Object.entries(defaults)) if (!pooled.searchParams.has(key)) pooled.searchParams.set(key, value);
  return pooled.toString();
}

function getTransport(): Transporter {
  const url = process.env.SMTP_URL;
  if (!transport || transportUrl !== url) {
    transport?.close();
    transport = url ? nodemailer.createTransport(pooledSmtpUrl(url)) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    transportUrl = url;
  }
  return transport;
}

/** Closes the pooled connections (a worker stopping). The next email opens new ones. */
export function closeEmailTransport(): void {
  transport?.close();
  transport = undefined;
  transportUrl = undefined;
}

export async function sendEmail(email: TEmail): Promise<void> {
  if (!process.env.SMTP_URL && process.env.NODE_ENV === 'production') {
    throw new Error('SMTP_URL is not set: email cannot be sent.');
  }
  const info = await withinSmtpTimeout(
    getTransport().sendMail({ from: process.env.MAIL_FROM ?? 'HomeFirst Brokerage <no-reply@homefirst.example>', ...email }),
  );
  if (!process.env.SMTP_URL && 'message' in info && Buffer.isBuffer(info.message)) {
    const outbox = path.join(dataDir(), 'outbox');
    fs.mkdirSync(outbox, { recursive: true });
    const file = path.join(outbox, `${Date.now()}-${email.to.replace(/[^a-z0-9@.]+/gi, '_')}.eml`);
    fs.writeFileSync(file, info.message);
    console.log(`[email] SMTP_URL not set: message to ${email.to} written to ${file}`);
  }
}

/** The send, or an error once SMTP_TIMEOUT_SECONDS have passed without it being accepted. */
async function withinSmtpTimeout<T>(sending: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`The SMTP server did not accept the email within ${SMTP_TIMEOUT_SECONDS} seconds.`)),
      SMTP_TIMEOUT_SECONDS * 1000,
    );
  });
  try {
    return await Promise.race([sending, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
