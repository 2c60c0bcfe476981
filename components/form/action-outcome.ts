import type { TActionResult } from '@/lib/action/define-action';
import type { TFieldErrors } from './field-errors';

/** What a form does once its action has succeeded. */
export type TAfterSave<T> = {
  /** What the status line says: fixed, or from the action's answer and what was sent. */
  saved: string | ((data: T, sent: FormData) => string);
  /** Whether to empty the form: a form that adds something does, one that edits does not. */
  reset?: boolean | ((sent: FormData) => boolean);
  /** Whether to reload the page's server data (its tables and lists). */
  refresh?: boolean;
};

export type TActionOutcome = {
  errors: TFieldErrors;
  message: string | null;
  status: string | null;
  reset: boolean;
  refresh: boolean;
  /** Move focus to the error summary. */
  focusSummary: boolean;
};

/**
 * A form's state after its action answers: once saved, no errors, the status line and whether to
 * empty the form and reload the page; once refused, the fields' errors (or, with none, the
 * action's message) and focus to the error summary.
 */
export function actionOutcome<T>(result: TActionResult<T>, sent: FormData, after: TAfterSave<T>): TActionOutcome {
  if (!result.ok) {
    return {
      errors: result.fieldErrors ?? {},
      message: result.fieldErrors ? null : result.message,
      status: null,
      reset: false,
      refresh: false,
      focusSummary: true,
    };
  }
  return {
    errors: {},
    message: null,
    status: typeof after.saved === 'string' ? after.saved : after.saved(result.data, sent),
    reset: typeof after.reset === 'function' ? after.reset(sent) : (after.reset ?? false),
    refresh: after.refresh ?? false,
    focusSummary: false,
  };
}
