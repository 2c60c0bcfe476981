// How a reablement placement can end (review section 5.2.6), with the words the board uses.

export const REABLEMENT_OUTCOMES = ['INDEPENDENT', 'LONG_TERM_NEEDED', 'OTHER'] as const;

export type TReablementOutcomeValue = (typeof REABLEMENT_OUTCOMES)[number];

export const REABLEMENT_OUTCOME_LABEL: Record<TReablementOutcomeValue, string> = {
  INDEPENDENT: 'Independent: no further care needed',
  LONG_TERM_NEEDED: 'Long-term package needed',
  OTHER: 'Something else',
};
