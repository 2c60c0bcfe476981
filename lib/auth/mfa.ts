import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

// Time-based one-time passwords (RFC 6238), as authenticator apps expect.

const ISSUER = 'HomeFirst Brokerage';

function totp(secret: string, label = 'account') {
  return new OTPAuth.TOTP({ issuer: ISSUER, label, algorithm: 'SHA1', digits: 6, period: 30, secret: OTPAuth.Secret.fromBase32(secret) });
}

export function newMfaSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

const PERIOD_MS = 30_000;

/**
 * The 30-second step a code belongs to, or null: the current step or the one either side (clock
 * drift). A sign-in claims its step, so the same code cannot sign in twice.
 */
export function mfaCodeStep(secret: string, code: string, at: number = Date.now()): number | null {
  const clean = code.replace(/\s+/g, '');
  if (!/^\d{6}$/.test(clean)) return null;
  const delta = totp(secret).validate({ token: clean, timestamp: at, window: 1 });
  return delta === null ? null : Math.floor(at / PERIOD_MS) + delta;
}

export function verifyMfaCode(secret: string, code: string, at: number = Date.now()): boolean {
  return mfaCodeStep(secret, code, at) !== null;
}

export function currentMfaCode(secret: string, at: number = Date.now()): string {
  return totp(secret).generate({ timestamp: at });
}

export async function mfaEnrolment(secret: string, email: string): Promise<{ uri: string; qrSvg: string }> {
  const uri = totp(secret, email).toString();
  return { uri, qrSvg: await QRCode.toString(uri, { type: 'svg', margin: 1, width: 200 }) };
}
