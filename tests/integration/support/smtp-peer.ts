import { SMTPServer } from 'smtp-server';

export type TReceived = { to: string[]; raw: string };

/** A real SMTP server on a free loopback port that keeps what it receives. */
export async function startSmtpPeer(): Promise<{ url: string; received: TReceived[]; stop: () => Promise<void> }> {
  const received: TReceived[] = [];
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
        received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  // A sender that is killed (a worker process, in the worker tests) resets its pooled connections:
  // that is the sender's failure, not the peer's.
  server.on('error', () => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, received, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
