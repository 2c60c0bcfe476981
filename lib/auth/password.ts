import { hash, verify } from '@node-rs/argon2';

// argon2id with the library's defaults (OWASP: m ≥ 19 MiB, t ≥ 2).
export const hashPassword = (password: string) => hash(password);

// Checked against a real hash even when the account does not exist, so timing does not tell.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(passwordHash: string | null | undefined, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash ?? (await (dummyHash ??= hash('no account has this password'))), password);
  } catch {
    return false;
  }
}
