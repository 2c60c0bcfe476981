// Names the dashboards show for codes, in the order they are listed.

export const BANDS = ['MORNING', 'MIDDAY', 'AFTERNOON', 'EVENING', 'NIGHT', 'NONE'] as const;
export const PATHWAYS = ['LONG_TERM', 'REABLEMENT', 'HOSPITAL_DISCHARGE'] as const;
export const CQC_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_RATED'] as const;

export const BAND_LABEL: Record<string, string> = {
  MORNING: 'Morning (06:00–10:59)',
  MIDDAY: 'Midday (11:00–13:59)',
  AFTERNOON: 'Afternoon (14:00–16:59)',
  EVENING: 'Evening (17:00–21:59)',
  NIGHT: 'Night (22:00–05:59)',
  NONE: 'No visits yet',
};

export const CQC_LABEL: Record<string, string> = {
  OUTSTANDING: 'Outstanding',
  GOOD: 'Good',
  REQUIRES_IMPROVEMENT: 'Requires improvement',
  INADEQUATE: 'Inadequate',
  NOT_RATED: 'Not yet rated',
};

/** Weeks in a year for projecting weekly spend: 365 days / 7. */
export const WEEKS_A_YEAR = 365 / 7;

/** The council's aim for the share of hours its locality providers carry (domain.md, 70/30). */
export const LOCALITY_SHARE_AIM = 0.7;
