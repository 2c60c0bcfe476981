import { ZActualsBody } from '@/lib/actuals/actuals-schema';
import { ZChangeRequestSchema } from '@/lib/change-request/change-request-schema';
import { z } from 'zod';
import { ZFhirReferralBundleSchema, ZReferralBodySchema } from '@/lib/referral/referral-schema';
import { ZCapacityBodySchema, ZCreatePackageBodySchema, ZDeclineBodySchema, ZPackagesQuerySchema, ZPageQuerySchema } from './v1-schemas';
import { FHIR_REFERRAL_EXAMPLE, REFERRAL_EXAMPLE, REFERRAL_VIEW_EXAMPLE, WEBHOOK_EXAMPLE } from './openapi-examples';

// The OpenAPI 3.1 description of /api/v1, generated from the same zod schemas the routes parse
// with, so the document cannot drift from what the API accepts.

const json = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;

function queryParameters(schema: z.ZodObject) {
  const shape = json(schema) as { properties?: Record<string, object>; required?: string[] };
  return Object.entries(shape.properties ?? {}).map(([name, s]) => ({ name, in: 'query', required: shape.required?.includes(name) ?? false, schema: s }));
}

const pathParameter = (name: string, description: string) => ({ name, in: 'path', required: true, description, schema: { type: 'string' } });

const ok = (description: string) => ({ description, content: { 'application/json': { schema: { type: 'object' } } } });
const errors = {
  '401': { $ref: '#/components/responses/Unauthenticated' },
  '403': { $ref: '#/components/responses/Forbidden' },
  '422': { $ref: '#/components/responses/Invalid' },
  '503': { $ref: '#/components/responses/Unavailable' },
};
const idempotencyKey = {
  name: 'Idempotency-Key',
  in: 'header',
  required: false,
  description:
    'Your own key for this write (a UUID is best). Sent again with the same key, even at the same moment, the write happens once and every copy gets its first answer; keys are kept for 24 hours. A key reused for a different request is refused.',
  schema: { type: 'string', minLength: 1, maxLength: 255 },
};
const referralOk = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Referral' }, example: REFERRAL_VIEW_EXAMPLE } },
});
const body = (schema: z.ZodType) => ({ required: true, content: { 'application/json': { schema: json(schema) } } });

export function openApiDocument(serverUrl: string) {
  const error = { $ref: '#/components/schemas/Error' };
  return {
    openapi: '3.1.0',
    info: {
      title: 'HomeFirst Brokerage API',
      version: '1.0.0',
      description:
        'For councils’ and providers’ own systems. Authenticate with an API token: `Authorization: Bearer hf_…`. Each token acts for one council (or one provider) with the permissions it was given. Lists are paged with `cursor` (the `nextCursor` of the previous page) and `limit`.',
    },
    servers: [{ url: serverUrl }],
    // Signed events sent to the addresses subscribed on the Webhooks page (docs/referrals-and-webhooks.md).
    webhooks: Object.fromEntries(
      ['offer.made', 'offer.withdrawn', 'placement.awarded', 'placement.changed', 'placement.ended', 'referral.status'].map((type) => [
        type,
        {
          post: {
            summary: `The ${type} event`,
            parameters: [
              {
                name: 'HomeFirst-Signature',
                in: 'header',
                required: true,
                schema: { type: 'string' },
                description: 't=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">',
              },
              { name: 'HomeFirst-Event', in: 'header', required: true, schema: { type: 'string', const: type } },
              { name: 'HomeFirst-Delivery', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
            ],
            requestBody: { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/WebhookEvent' } } } },
            responses: { '200': { description: 'Received (any 2xx); anything else is retried with backoff' } },
          },
        },
      ]),
    ),
    security: [{ apiToken: [] }],
    paths: {
      '/api/v1/market': {
        get: { summary: 'The council’s market overview', operationId: 'getMarket', responses: { '200': ok('Market figures, no personal data'), ...errors } },
      },
      '/api/v1/packages': {
        get: {
          summary: 'List the council’s packages',
          operationId: 'listPackages',
          parameters: queryParameters(ZPackagesQuerySchema),
          responses: { '200': ok('A page of packages and the next cursor'), ...errors },
        },
        post: {
          summary: 'Create a package (and post it)',
          operationId: 'createPackage',
          parameters: [idempotencyKey],
          requestBody: body(ZCreatePackageBodySchema),
          responses: { '200': ok('The new package’s reference and status'), '409': { $ref: '#/components/responses/Conflict' }, ...errors },
        },
      },
      '/api/v1/packages/{reference}': {
        get: {
          summary: 'Read one package',
          operationId: 'getPackage',
          parameters: [pathParameter('reference', 'e.g. BDC-000123')],
          responses: { '200': ok('The package with its person, visits, lines and offers'), '404': { $ref: '#/components/responses/NotFound' }, ...errors },
        },
      },
      '/api/v1/referrals': {
        post: {
          summary: 'Refer someone for home care (JSON)',
          description:
            'From the council’s social-care record (Mosaic, LAS, SystmOne). The person is found by NHS number, else by `person.externalId` (your record’s own id), else recorded new (the NHS number is then required, and the postcode must be in one of the council’s localities). A match by NHS number or record id is high confidence; where the details you send differ from the person on record, `match.differingFields` names the fields and the broker sees both values. The referral waits in the brokers’ triage queue: read what became of it with GET /api/v1/referrals/{id}, or subscribe to the `referral.status` webhook. Needs the `referral:submit` scope, which a council administrator may give a token for the record system.',
          operationId: 'createReferral',
          parameters: [idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: json(ZReferralBodySchema), example: REFERRAL_EXAMPLE } } },
          responses: { '200': referralOk('The referral, as received'), ...errors },
        },
      },
      '/api/v1/referrals/fhir': {
        post: {
          summary: 'Refer someone for home care (HL7 FHIR R4 Bundle)',
          description:
            'The same referral as a FHIR R4 Bundle of one Patient and one ServiceRequest (UK Core): the NHS number is the Patient identifier with system `https://fhir.nhs.uk/Id/nhs-number` (its modulus-11 check digit is checked), and any other Patient identifier is your record’s own id. The ServiceRequest’s `subject` refers to the Patient; its `occurrenceTiming.repeat` gives the visits (each `timeOfDay` on each `dayOfWeek`, lasting `duration` minutes, starting `boundsPeriod.start`); a `category` coding with system `https://homefirst.uk/fhir/CodeSystem/pathway` and code `reablement` asks for reablement (long-term care otherwise); the extension `https://homefirst.uk/fhir/StructureDefinition/carers-per-visit` (valueInteger 1 or 2) gives the carers per visit. Errors name the field by its path in the bundle, such as `entry.0.resource.identifier.0.value`.',
          operationId: 'createReferralFhir',
          parameters: [idempotencyKey],
          requestBody: {
            required: true,
            content: {
              'application/json': { schema: json(ZFhirReferralBundleSchema), example: FHIR_REFERRAL_EXAMPLE },
              'application/fhir+json': { schema: json(ZFhirReferralBundleSchema), example: FHIR_REFERRAL_EXAMPLE },
            },
          },
          responses: { '200': referralOk('The referral, as received'), ...errors },
        },
      },
      '/api/v1/referrals/{id}': {
        get: {
          summary: 'What became of a referral',
          description:
            'Its status (RECEIVED, MORE_INFO, ACCEPTED, REJECTED), the broker’s decision with their message (the information asked for, or the reason for rejecting), and the draft package’s reference once accepted.',
          operationId: 'getReferral',
          parameters: [pathParameter('id', 'The referral id returned when it was sent')],
          responses: { '200': referralOk('The referral’s status and decision'), '404': { $ref: '#/components/responses/NotFound' }, ...errors },
        },
      },
      '/api/v1/offers': {
        get: {
          summary: 'List the provider’s open offers',
          operationId: 'listOffers',
          parameters: queryParameters(ZPageQuerySchema),
          responses: { '200': ok('A page of offers, without personal data'), ...errors },
        },
      },
      '/api/v1/offers/{id}/accept': {
        post: {
          summary: 'Accept an offer',
          operationId: 'acceptOffer',
          parameters: [pathParameter('id', 'The offer id'), idempotencyKey],
          responses: {
            '200': ok('The placement'),
            '404': { $ref: '#/components/responses/NotFound' },
            '409': { $ref: '#/components/responses/Conflict' },
            ...errors,
          },
        },
      },
      '/api/v1/offers/{id}/decline': {
        post: {
          summary: 'Decline an offer',
          operationId: 'declineOffer',
          parameters: [pathParameter('id', 'The offer id'), idempotencyKey],
          requestBody: body(ZDeclineBodySchema),
          responses: {
            '200': ok('Declined'),
            '404': { $ref: '#/components/responses/NotFound' },
            '409': { $ref: '#/components/responses/Conflict' },
            ...errors,
          },
        },
      },
      '/api/v1/change-requests': {
        get: {
          summary: 'Read the provider’s change requests and their outcomes',
          operationId: 'listChangeRequests',
          responses: { '200': ok('Change requests, newest first'), ...errors },
        },
        post: {
          summary: 'Ask for more or less care on a placed package, from today or a later day',
          operationId: 'requestChange',
          parameters: [idempotencyKey],
          requestBody: body(ZChangeRequestSchema),
          responses: {
            '200': ok('Made: waiting for the council’s decision'),
            '404': { $ref: '#/components/responses/NotFound' },
            '409': { $ref: '#/components/responses/Conflict' },
            ...errors,
          },
        },
      },
      '/api/v1/actuals': {
        get: {
          summary: 'Read the provider’s latest submissions of delivered care and their state',
          operationId: 'listActuals',
          responses: { '200': ok('Submissions, newest first'), ...errors },
        },
        post: {
          summary:
            'Send delivered care (per visit or per line and week): dry-run checks every row, apply saves all or nothing; the same rows again change nothing',
          operationId: 'submitActuals',
          parameters: [idempotencyKey],
          requestBody: body(ZActualsBody),
          responses: { '200': ok('Checked, applied, already applied, or refused with an error per row naming its field'), ...errors },
        },
      },
      '/api/v1/capacity': {
        get: {
          summary: 'Read the provider’s declared capacity',
          operationId: 'getCapacity',
          responses: { '200': ok('Capacity by council, locality and band'), ...errors },
        },
        put: {
          summary: 'Replace the provider’s capacity for some localities of one council',
          operationId: 'putCapacity',
          parameters: [idempotencyKey],
          requestBody: body(ZCapacityBodySchema),
          responses: { '200': ok('Declared'), ...errors },
        },
      },
    },
    components: {
      securitySchemes: { apiToken: { type: 'http', scheme: 'bearer', description: 'An API token made by a council administrator or a provider’s manager.' } },
      schemas: {
        Referral: {
          type: 'object',
          required: ['id', 'status', 'format', 'match', 'decision', 'package', 'receivedAt'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            referrerReference: { type: ['string', 'null'] },
            status: { type: 'string', enum: ['RECEIVED', 'MORE_INFO', 'ACCEPTED', 'REJECTED'] },
            format: { type: 'string', enum: ['JSON', 'FHIR'] },
            match: {
              type: 'object',
              properties: {
                by: { type: 'string', enum: ['NHS_NUMBER', 'EXTERNAL_ID', 'NEW_PERSON'] },
                confidence: { type: 'string', enum: ['HIGH', 'NEW_PERSON'] },
                differingFields: { type: 'array', items: { type: 'string' } },
              },
            },
            decision: {
              type: ['object', 'null'],
              properties: {
                status: { type: 'string', enum: ['ACCEPTED', 'MORE_INFO', 'REJECTED'] },
                message: { type: ['string', 'null'] },
                at: { type: 'string', format: 'date-time' },
              },
            },
            package: { type: ['object', 'null'], properties: { reference: { type: 'string' } } },
            receivedAt: { type: 'string', format: 'date-time' },
          },
        },
        WebhookEvent: {
          type: 'object',
          description:
            'The body of a webhook delivery, POSTed to a subscription’s address with the headers `HomeFirst-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" keyed with the subscription’s secret>`, `HomeFirst-Event` and `HomeFirst-Delivery` (the event id). Answer 2xx within 10 seconds; anything else is retried with backoff. Offer events carry nothing personal; placement events name the person.',
          required: ['id', 'type', 'occurredAt', 'data'],
          properties: {
            id: { type: 'string', format: 'uuid' },
            type: { type: 'string', enum: ['offer.made', 'offer.withdrawn', 'placement.awarded', 'placement.changed', 'placement.ended', 'referral.status'] },
            occurredAt: { type: 'string', format: 'date-time' },
            council: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } },
            data: { type: ['object', 'null'] },
          },
          example: WEBHOOK_EXAMPLE,
        },
        Error: {
          type: 'object',
          required: ['error'],
          properties: {
            error: {
              type: 'object',
              required: ['code', 'message', 'requestId'],
              properties: {
                code: { type: 'string', enum: ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION', 'CONFLICT', 'RATE_LIMITED', 'UNAVAILABLE', 'ERROR'] },
                message: { type: 'string' },
                fields: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string' } } },
                requestId: { type: 'string' },
              },
            },
          },
        },
      },
      responses: {
        Unauthenticated: { description: 'No valid token or session', content: { 'application/json': { schema: error } } },
        Forbidden: { description: 'The token lacks the permission', content: { 'application/json': { schema: error } } },
        NotFound: { description: 'Not found, or not yours', content: { 'application/json': { schema: error } } },
        Conflict: { description: 'Someone else got there first, or it changed', content: { 'application/json': { schema: error } } },
        Invalid: { description: 'The request was not valid; `fields` names each field', content: { 'application/json': { schema: error } } },
        Unavailable: {
          description: 'The database is not answering; try again after the seconds in Retry-After',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: { 'application/json': { schema: error } },
        },
      },
    },
  };
}
