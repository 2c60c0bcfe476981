import 'server-only';
import pg from 'pg';
import { NOTIFICATION_CHANNEL } from './notify';

// One LISTEN connection per app process fans PostgreSQL notifications out to the live streams of
// the people signed in to this process. Every instance behind a load balancer listens on the same
// channel, so a change committed through any of them reaches everyone, wherever they are connected.

type Payload = { id: string; userId?: string; providerId?: string };
type Listener = { userId: string; providerId: string | null; send: (payload: Payload) => void };

class NotificationHub {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private readonly listeners = new Set<Listener>();

  async subscribe(listener: Listener): Promise<() => void> {
    this.listeners.add(listener);
    await this.connect();
    return () => {
      this.listeners.delete(listener);
    };
  }

  private connect(): Promise<void> {
    if (this.client) return Promise.resolve();
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL, connectionTimeoutMillis: 5000, keepAlive: true });
      client.on('notification', (message) => this.dispatch(message.payload));
      client.on('error', () => this.reset());
      client.on('end', () => this.reset());
      await client.connect();
      await client.query(`LISTEN ${NOTIFICATION_CHANNEL}`);
      this.client = client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  /** A lost connection is re-made after a pause while anyone is still listening. */
  private reset() {
    const old = this.client;
    this.client = null;
    old?.removeAllListeners();
    old?.end().catch(() => undefined);
    if (this.listeners.size > 0) setTimeout(() => void this.connect().catch(() => this.reset()), 2000);
  }

  private dispatch(raw: string | undefined) {
    if (!raw) return;
    let payload: Payload;
    try {
      payload = JSON.parse(raw) as Payload;
    } catch {
      return;
    }
    for (const l of this.listeners) {
      if ((payload.userId && payload.userId === l.userId) || (payload.providerId && payload.providerId === l.providerId)) l.send(payload);
    }
  }
}

const globalForHub = globalThis as unknown as { notificationHub?: NotificationHub };
export const notificationHub = (globalForHub.notificationHub ??= new NotificationHub());
