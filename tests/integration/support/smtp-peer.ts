import { SMTPServer } from 'smtp-server';

export type TReceived = { to: string[]; raw: string };

export type TSmtpPeerOptions = {
  /**
   * Messages to hold: the peer reads the message but never answers it, so the sender waits (as on
   * a server that has hung) and the message is not accepted. Each held message is kept in `held`,
   * not in `received`; if the sender hangs up, it is gone, as on a real server.
   */
  hold?: (to: string[]) => boolean;
};

/** A real SMTP server on a free loopback port that keeps what it receives. */
export async function startSmtpPeer({ hold }: TSmtpPeerOptions = {}): Promise<{
  url: string;
  received: TReceived[];
  held: TReceived[];
  stop: () => Promise<void>;
}> {
  const received: TReceived[] = [];
  const held: TReceived[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Senders keep pooled connections open: stopping does not wait for them to hang up.
    closeTimeout: 200,
    disableReverseLookup: true,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        const message = { to: session.envelope.rcptTo.map((r) => r.address), raw };
        if (hold?.(message.to)) return void held.push(message);
        received.push(message);
        callback();
      });
    },
  });
  // A sender that is killed (a worker process, in the worker tests) resets its pooled connections:
  // that is the sender's failure, not the peer's.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, held, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
