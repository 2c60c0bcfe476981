// Expected failures: values the UI shows to the user, never stack traces.

export type AppErrorCode = 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'VALIDATION' | 'CONFLICT' | 'RATE_LIMITED' | 'UNAVAILABLE';

const DEFAULT_MESSAGE: Record<AppErrorCode, string> = {
  UNAUTHENTICATED: 'Sign in to continue.',
  FORBIDDEN: 'You do not have permission to do that.',
  NOT_FOUND: 'That could not be found.',
  VALIDATION: 'Check the highlighted fields.',
  CONFLICT: 'Someone else changed this first. Reload and try again.',
  RATE_LIMITED: 'Too many attempts. Wait a few minutes and try again.',
  UNAVAILABLE: 'The service cannot reach its database just now. Try again in a few seconds.',
};

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message?: string,
    readonly fieldErrors?: Record<string, string[]>,
  ) {
    super(message ?? DEFAULT_MESSAGE[code]);
    this.name = 'AppError';
  }
}
