import 'server-only';
import pg from 'pg';

// Providers' systems call the API many times a second. Each process remembers the tokens it has
// looked up for a minute, so a busy token costs one lookup a minute rather than one a call.
// Revoking a token announces it on a channel every process listens to (revokeApiToken), and each
// forgets it at once. A process remembers nothing while it is not listening (before its LISTEN
// is in place, or after the connection drops), and does not keep what it looked up while a
// revocation arrived, so a revoked token is never served from memory.

export const TOKEN_CHANNEL = 'homefirst_api_tokens';
const KEEP_MS = 60_000;
const MAX_TOKENS = 10_000;

type TEntry<T> = { value: T; tokenId: string; keptUntil: number };

export class TokenCache<T> {
  private readonly entries = new Map<string, TEntry<T>>();
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private listening = false;
  /** Counts revocations heard: a lookup that saw it change while it ran is not kept. */
  private heard = 0;

  constructor(private readonly connectionString: string | undefined) {}

  /** The remembered value for a token's hash, or null; starts listening on first use. */
  get(hash: string, now: number): T | null {
    if (!this.listening) {
      void this.listen();
      return null;
    }
    const entry = this.entries.get(hash);
    if (!entry) return null;
    if (entry.keptUntil <= now) {
      this.entries.delete(hash);
      return null;
    }
    return entry.value;
  }

  /** Where a lookup starts: pass it to keep() when it ends. */
  mark(): number | null {
    return this.listening ? this.heard : null;
  }

  /** Remembers a lookup's result, unless a revocation was heard while it ran or nobody listens. */
  keep(mark: number | null, hash: string, tokenId: string, value: T, now: number, expiresAt: number | null) {
    if (mark === null || !this.listening || mark !== this.heard) return;
    if (this.entries.size >= MAX_TOKENS) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(hash, { value, tokenId, keptUntil: Math.min(now + KEEP_MS, expiresAt ?? Infinity) });
  }

  private listen(): Promise<void> {
    if (!this.connectionString) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.connectionString, connectionTimeoutMillis: 5000, keepAlive: true });
      client.on('notification', (message) => this.drop(message.payload));
      client.on('error', () => this.stop());
      client.on('end', () => this.stop());
      try {
        await client.connect();
        await client.query(`LISTEN ${TOKEN_CHANNEL}`);
        // The LISTEN connection must not keep a process alive on its own.
        (client as unknown as { connection?: { stream?: { unref?: () => void } } }).connection?.stream?.unref?.();
        this.client = client;
        this.listening = true;
      } catch {
        await client.end().catch(() => undefined);
      }
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** Forgets a token (revoked here, or heard of from another process). */
  drop(tokenId: string | undefined) {
    this.heard++;
    for (const [hash, entry] of this.entries) if (entry.tokenId === tokenId) this.entries.delete(hash);
  }

  private stop() {
    this.listening = false;
    this.heard++;
    this.entries.clear();
    const old = this.client;
    this.client = null;
    old?.removeAllListeners();
    old?.on('error', () => undefined);
    old?.end().catch(() => undefined);
  }
}
