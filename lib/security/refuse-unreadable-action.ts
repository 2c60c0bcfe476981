import type { IncomingMessage, ServerResponse } from 'node:http';
import { databaseIsDown } from '@/lib/database/availability';

// A server action is a POST that Next.js decodes before any of the app's code runs: an empty body,
// one that is not the encoding a form sends, or a broken multipart body makes Next.js fail with a
// 500. Every action of the app answers with a value, never an error (lib/action/define-action.ts),
// so a 500 to a server action means Next.js could not read the request: the production server
// sends a 400 saying so instead. (While the database is down the answer stays a 503.)

const MESSAGE = 'The form could not be read: the request was empty or not as a form sends it. Reload the page and try again.';

/** For a server action request, turns Next.js's 500 for a body it could not decode into a 400 with a message. */
export function refuseUnreadableAction(req: IncomingMessage, res: ServerResponse): void {
  if (req.method !== 'POST' || !req.headers['next-action']) return;
  const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => ServerResponse;
  const write = res.write.bind(res) as (...args: unknown[]) => boolean;
  const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
  let refused = false;
  const failing = (status: number) => !refused && !res.headersSent && status === 500 && !databaseIsDown();
  // Next.js's own body for the 500 is dropped, whichever of these it starts the response with.
  const refuse = () => {
    refused = true;
    const body = Buffer.from(JSON.stringify({ error: { code: 'BAD_REQUEST', message: MESSAGE } }));
    for (const name of ['content-type', 'content-length', 'transfer-encoding', 'content-encoding', 'vary']) res.removeHeader(name);
    writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': String(body.length) });
    end(body);
  };
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (failing(status)) refuse();
    return refused ? res : writeHead(status, ...rest);
  }) as ServerResponse['writeHead'];
  res.write = ((...args: unknown[]) => {
    if (failing(res.statusCode)) refuse();
    return refused ? true : write(...args);
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (failing(res.statusCode)) refuse();
    return refused ? res : end(...args);
  }) as ServerResponse['end'];
}
