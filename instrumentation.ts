import { unavailableError } from '@/lib/database/availability';

// Next.js calls this for every error a page, server action or route handler throws. One that
// means the database did not answer is counted by lib/database/availability.ts (one log line per
// burst); the production server then sends the page's 500 as a 503 with Retry-After
// (lib/database/refuse-while-down.ts).
export function onRequestError(error: unknown): void {
  unavailableError(error);
}
