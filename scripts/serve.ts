// The production server that `npm start` runs (under tsx, with the react-server condition like the
// job worker): Next.js for pages, server actions and everything browsers ask for, and, in the same
// process, the API path (lib/api/fast-path.ts) for /api/v1 requests that carry an API token.
// Stateless: run as many as the load needs behind a load balancer, on one database.
import http from 'node:http';
import next from 'next';
import { createApiFastPath } from '@/lib/api/fast-path';
import { V1_ROUTES } from '@/lib/api/v1-routes';
import { stampClientAddress } from '@/lib/auth/request-ip';
import { refuseWhileDatabaseDown, sendDatabaseFailuresAs503 } from '@/lib/database/refuse-while-down';
import { createRequestGate } from '@/lib/database/request-gate';
import { refuseMalformed } from '@/lib/security/refuse-malformed';
import { refuseUnreadableAction } from '@/lib/security/refuse-unreadable-action';

const port = Number(process.env.PORT ?? 3000);

async function main() {
  const app = next({ dev: false, dir: process.cwd(), port, hostname: 'localhost' });
  await app.prepare();
  const handle = app.getRequestHandler();
  const api = createApiFastPath(V1_ROUTES, { production: true });
  // Pages and everything else Next.js answers, a few at once (lib/database/request-gate.ts); the
  // API path's requests are short and the live notification stream stays open, so both go straight through.
  const gate = createRequestGate(Number(process.env.CONCURRENT_REQUESTS ?? 6));
  const server = http.createServer((req, res) => {
    if (refuseMalformed(req, res)) return;
    stampClientAddress(req);
    // While the database is down: 503 at once, and a page that failed on it 503, not 500.
    if (refuseWhileDatabaseDown(req, res)) return;
    sendDatabaseFailuresAs503(res);
    refuseUnreadableAction(req, res);
    if (!api(req, res)) gate(req, res, () => void handle(req, res));
  });
  // Providers' systems keep connections open between calls; let them, a little longer than a
  // load balancer's usual idle timeout.
  server.keepAliveTimeout = 65_000;
  // Every interface, as next start does.
  server.listen(port, () => console.log(`[homefirst] Serving on port ${port}`));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeIdleConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
