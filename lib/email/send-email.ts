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
 * The SMTP URL with a connection pool asked for (unless the URL says otherwise): messages reuse
 * a few open connections instead of a handshake (and TLS) each.
 */
export function pooledSmtpUrl(url: string): string {
  const pooled = new URL(url);
  if (!pooled.searchParams.has('pool')) pooled.searchParams.set('pool', 'true');
  if (!pooled.searchParams.has('maxConnections')) pooled.searchParams.set('maxConnections', String(SMTP_CONNECTIONS));
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
  const info = await getTransport().sendMail({ from: process.env.MAIL_FROM ?? 'HomeFirst Brokerage <no-reply@homefirst.example>', ...email });
  if (!process.env.SMTP_URL && 'message' in info && Buffer.isBuffer(info.message)) {
    const outbox = path.join(dataDir(), 'outbox');
    fs.mkdirSync(outbox, { recursive: true });
    const file = path.join(outbox, `${Date.now()}-${email.to.replace(/[^a-z0-9@.]+/gi, '_')}.eml`);
    fs.writeFileSync(file, info.message);
    console.log(`[email] SMTP_URL not set: message to ${email.to} written to ${file}`);
  }
}
