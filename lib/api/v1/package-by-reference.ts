import 'server-only';
import { defineRoute } from '@/lib/api/define-route';
import { requestIp } from '@/lib/auth/request-ip';
import { getPackageForStaff } from '@/lib/package/get-package-for-staff';
import { lastDayBefore } from '@/lib/package/line-dates';

/** One package with its person, visits, service lines and offers; reading it is audited. */
export const GET = defineRoute({
  permission: 'package:read',
  handler: async ({ actor, db, params, request }) => {
    const pkg = await getPackageForStaff(db, actor, params.reference ?? '', requestIp(request.headers));
    const { person } = pkg;
    return {
      reference: pkg.reference,
      status: pkg.status,
      version: pkg.version,
      pathway: pkg.pathway,
      funding: pkg.funding,
      icbSharePercent: pkg.icbSharePercent === null ? null : Number(pkg.icbSharePercent),
      s117Aftercare: pkg.s117Aftercare,
      clientContributionWeekly: pkg.clientContributionWeekly === null ? null : Number(pkg.clientContributionWeekly),
      financialAssessmentOn: pkg.financialAssessmentOn?.toISOString().slice(0, 10) ?? null,
      hospital: pkg.hospital?.code ?? null,
      locality: pkg.locality.name,
      postedAt: pkg.postedAt?.toISOString() ?? null,
      placedAt: pkg.placedAt?.toISOString() ?? null,
      person: {
        givenName: person.givenName,
        familyName: person.familyName,
        dateOfBirth: person.dateOfBirth.toISOString().slice(0, 10),
        nhsNumber: person.nhsNumber,
        postcode: person.postcode,
      },
      visits: pkg.visits.map((v) => ({ days: v.days, start: v.start, minutes: v.minutes, carers: v.carers })),
      serviceLines: pkg.serviceLines.map((l) => ({
        type: l.type,
        hoursPerWeek: Number(l.hoursPerWeek),
        startDate: l.startDate.toISOString().slice(0, 10),
        endDate: l.endDate ? lastDayBefore(l.endDate).toISOString().slice(0, 10) : null,
        provider: l.provider?.name ?? null,
      })),
      offers: pkg.offers.map((o) => ({
        round: o.round,
        tier: o.tier,
        provider: o.provider.name,
        status: o.status,
        offeredAt: o.offeredAt.toISOString(),
        deadline: o.deadline.toISOString(),
        declineReason: o.declineReason,
      })),
    };
  },
});
