import 'server-only';
import type { Pathway, Prisma, PrismaClient } from '@prisma/client';

type Db = PrismaClient | Prisma.TransactionClient;

export type TCouncilSettings = { offerMinutes: Record<Pathway, number> };

/** The product's defaults, until a council's admins change them. */
export const DEFAULT_OFFER_MINUTES: Record<Pathway, number> = { HOSPITAL_DISCHARGE: 30, REABLEMENT: 120, LONG_TERM: 24 * 60 };

/**
 * Open-market offers of a long-term package stay open longer than a tier's: by then the cascade
 * has failed and any provider taking the package is better than none. The broker is alerted when
 * the market opens.
 */
const OPEN_MARKET_MINUTES = 7 * 24 * 60;

/**
 * How long an open-market round lasts. Discharges and reablement run against the duty board's
 * 2- and 4-hour clocks, so their open market keeps the pathway's own offer time: a week would
 * outlast the clock many times over, with the clock still reading "on time". Long-term packages
 * have no clock and get a week.
 */
export function openMarketMinutes(settings: TCouncilSettings, pathway: Pathway): number {
  return pathway === 'LONG_TERM' ? OPEN_MARKET_MINUTES : settings.offerMinutes[pathway];
}

export async function getCouncilSettings(db: Db, councilId: string): Promise<TCouncilSettings> {
  const row = await db.councilSetting.findUnique({ where: { councilId } });
  if (!row) return { offerMinutes: { ...DEFAULT_OFFER_MINUTES } };
  return {
    offerMinutes: {
      HOSPITAL_DISCHARGE: row.offerMinutesHospitalDischarge,
      REABLEMENT: row.offerMinutesReablement,
      LONG_TERM: row.offerMinutesLongTerm,
    },
  };
}
