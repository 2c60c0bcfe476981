import type { TWhatIfStatus } from '@/lib/whatif/get-what-ifs';

export const STATUS_TEXT: Record<TWhatIfStatus, string> = {
  DRAFT: 'Not run yet',
  QUEUED: 'Waiting to run',
  RUNNING: 'Running',
  DONE: 'Last run',
  FAILED: 'Run failed',
};
