import 'server-only';
import type { Pathway, Prisma, PrismaClient } from '@prisma/client';
import { DEFAULT_OFFICE_HOURS, officeDeadline, type TOfficeHours } from '@/lib/domain/office-hours';

type Db = PrismaClient | Prisma.TransactionClient;

export type TCouncilSettings = { offerMinutes: Record<Pathway, number>; office: TOfficeHours; contact: { phone: string | null; email: string | null } };

/** The product's defaults, until a council's admins change them. */
export const DEFAULT_OFFER_MINUTES: Record<Pathway, number> = { HOSPITAL_DISCHARGE: 30, REABLEMENT: 120, LONG_TERM: 24 * 60 };

/**
 * Open-market offers of a long-term package stay open longer than a tier's: by then the cascade
 * has failed and any provider taking the package is better than none. The broker is alerted when
 * the market opens.
 */
const OPEN_MARKET_MINUTES = 7 * 24 * 60;

/**
 * When an offer made at `now` falls due. Discharges and reablement run against the duty board's
 * 2- and 4-hour clocks, so their time runs on the wall clock. A long-term offer's time runs on
 * provider office days only, so one made late on a Friday does not lapse over the weekend.
 */
export function offerDeadline(settings: TCouncilSettings, pathway: Pathway, now: Date): Date {
  return minutesFrom(settings, pathway, now, settings.offerMinutes[pathway]);
}

/**
 * When an open-market round closes. Discharges and reablement keep the pathway's own offer time: a
 * week would outlast the clock many times over, with the clock still reading "on time". Long-term
 * packages get a week of office days.
 */
export function openMarketDeadline(settings: TCouncilSettings, pathway: Pathway, now: Date): Date {
  return minutesFrom(settings, pathway, now, pathway === 'LONG_TERM' ? OPEN_MARKET_MINUTES : settings.offerMinutes[pathway]);
}

function minutesFrom(settings: TCouncilSettings, pathway: Pathway, now: Date, minutes: number): Date {
  return pathway === 'LONG_TERM' ? officeDeadline(now, minutes, settings.office) : new Date(now.getTime() + minutes * 60_000);
}

export async function getCouncilSettings(db: Db, councilId: string): Promise<TCouncilSettings> {
  const row = await db.councilSetting.findUnique({ where: { councilId } });
  if (!row) return { offerMinutes: { ...DEFAULT_OFFER_MINUTES }, office: DEFAULT_OFFICE_HOURS, contact: { phone: null, email: null } };
  return {
    offerMinutes: {
      HOSPITAL_DISCHARGE: row.offerMinutesHospitalDischarge,
      REABLEMENT: row.offerMinutesReablement,
      LONG_TERM: row.offerMinutesLongTerm,
    },
    office: { opens: row.officeOpens, closes: row.officeCloses, days: row.officeDays },
    contact: { phone: row.contactPhone, email: row.contactEmail },
  };
}
