// What a provider said on the phone, with the words the board uses (shared by the form and the server).

export const PHONE_OUTCOMES = ['AGREED', 'DECLINED', 'NO_ANSWER', 'CALL_BACK', 'OTHER'] as const;

export type TPhoneOutcome = (typeof PHONE_OUTCOMES)[number];

export const PHONE_OUTCOME_LABEL: Record<TPhoneOutcome, string> = {
  AGREED: 'Agreed to take it',
  DECLINED: 'Declined',
  NO_ANSWER: 'No answer',
  CALL_BACK: 'Will call back',
  OTHER: 'Something else',
};
