// The order the dashboards list codes in, and the figures their projections use.

export const CQC_RATINGS = ['OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE', 'NOT_RATED'] as const;

/** Weeks in a year for projecting weekly spend: 365 days / 7. */
export const WEEKS_A_YEAR = 365 / 7;

/** The council's aim for the share of hours its locality providers carry (domain.md, 70/30). */
export const LOCALITY_SHARE_AIM = 0.7;
