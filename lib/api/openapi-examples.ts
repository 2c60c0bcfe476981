// Examples for the OpenAPI document (lib/api/openapi.ts): a referral as JSON and as a FHIR R4
// Bundle, what the referrer reads back, and a webhook event.

export const REFERRAL_EXAMPLE = {
  referrerReference: 'MOSAIC-WF-204518',
  person: {
    nhsNumber: '943 476 5919',
    externalId: 'MOS-118204',
    givenName: 'Edith',
    familyName: 'Clarke',
    dateOfBirth: '1941-03-02',
    addressLine1: '3 Mill Lane',
    town: 'Bradford',
    postcode: 'BD1 2AB',
    phone: '01274 000000',
  },
  care: {
    pathway: 'LONG_TERM',
    startDate: '2026-12-14',
    visits: [
      { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '08:00', minutes: 45, carers: 1 },
      { days: ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'], start: '19:30', minutes: 30, carers: 1 },
    ],
    notes: 'Lives alone; key safe by the back door.',
  },
};

export const FHIR_REFERRAL_EXAMPLE = {
  resourceType: 'Bundle',
  type: 'transaction',
  entry: [
    {
      fullUrl: 'urn:uuid:9a1c6e2e-5d0a-4c3f-9b0e-1d2c3b4a5f60',
      resource: {
        resourceType: 'Patient',
        identifier: [
          { system: 'https://fhir.nhs.uk/Id/nhs-number', value: '9434765919' },
          { system: 'https://las.example-council.gov.uk/person-id', value: 'LAS-55120' },
        ],
        name: [{ use: 'official', family: 'Okafor', given: ['Grace'] }],
        birthDate: '1938-07-19',
        address: [{ line: ['12 Canal Road'], city: 'Bradford', postalCode: 'BD1 4QQ' }],
        telecom: [{ system: 'phone', value: '01274 000001' }],
      },
    },
    {
      resource: {
        resourceType: 'ServiceRequest',
        identifier: [{ system: 'https://las.example-council.gov.uk/referral', value: 'REF-2026-0077' }],
        status: 'active',
        intent: 'order',
        category: [{ coding: [{ system: 'https://homefirst.uk/fhir/CodeSystem/pathway', code: 'reablement' }] }],
        subject: { reference: 'urn:uuid:9a1c6e2e-5d0a-4c3f-9b0e-1d2c3b4a5f60' },
        occurrenceTiming: {
          repeat: {
            boundsPeriod: { start: '2026-12-15' },
            dayOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'],
            timeOfDay: ['07:30:00', '17:00:00'],
            duration: 30,
            durationUnit: 'min',
          },
        },
        extension: [{ url: 'https://homefirst.uk/fhir/StructureDefinition/carers-per-visit', valueInteger: 1 }],
        note: [{ text: 'Discharged home last week.' }],
      },
    },
  ],
};

export const REFERRAL_VIEW_EXAMPLE = {
  id: '3f0b8a52-7f5e-4d0c-a1de-2b3c4d5e6f70',
  referrerReference: 'MOSAIC-WF-204518',
  status: 'ACCEPTED',
  format: 'JSON',
  match: { by: 'NHS_NUMBER', confidence: 'HIGH', differingFields: ['familyName'] },
  decision: { status: 'ACCEPTED', message: null, at: '2026-12-07T10:15:00.000Z' },
  package: { reference: 'BDC-000812' },
  receivedAt: '2026-12-07T09:02:11.000Z',
};

export const WEBHOOK_EXAMPLE = {
  id: '0c2f6a4e-1b7d-4e8a-9c3b-5d6e7f8a9b0c',
  type: 'offer.made',
  occurredAt: '2026-12-07T10:20:00.000Z',
  council: { code: 'BDC', name: 'Bradford District Council' },
  data: {
    offer: {
      id: 'b1e2c3d4-0000-4000-8000-000000000001',
      providerId: 'a1b2c3d4-0000-4000-8000-000000000002',
      round: 1,
      status: 'OFFERED',
      offeredAt: '2026-12-07T10:20:00.000Z',
      deadline: '2026-12-07T14:20:00.000Z',
      hourlyRate: 24.5,
    },
    package: {
      reference: 'BDC-000812',
      status: 'OFFERING',
      version: 1,
      pathway: 'LONG_TERM',
      locality: 'Bradford East',
      postcodeDistrict: 'BD3',
      requiredSkills: [],
      visits: [{ days: ['MON', 'WED', 'FRI'], start: '08:00', minutes: 45, carers: 1 }],
      carerHoursPerWeek: 2.25,
    },
  },
};
