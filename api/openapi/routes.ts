/**
 * GET /api/openapi.json: the OpenAPI 3.1 document, generated from the same zod schemas that
 * validate the requests (zod's own JSON Schema output), so it cannot drift from the code.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { submissionSchema } from '../intake/submission-schema.ts';
import { MAX_ADDED_DOCUMENTS } from '../status/routes.ts';
import { VERSION } from '../version.ts';

const errorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string().optional(),
    issues: z.array(z.object({ path: z.string(), code: z.string(), message: z.string() })).optional(),
  }),
});

const createdSchema = z.object({
  reference: z.string(),
  statusToken: z.string().describe('Secret: send it back in Authorization: Bearer or X-Status-Token'),
  statusUrl: z.string(),
  controller: z.object({ id: z.string(), name: z.string() }),
  routingReason: z.object({ code: z.string() }).loose(),
  routingReasonText: z.string().optional().describe("The routing reason in the requester's language (absent in answers replayed from before it existed)"),
  contactPointInformed: z.boolean(),
  receivedAt: z.string(),
  legalDeadline: z.string(),
  extendedDeadlineIfExtended: z.string(),
  internalTarget: z.string().nullable(),
  fingerprint: z.string(),
  nationalRegisterNumbersMasked: z.number(),
});

function json(schema: z.ZodType) {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' });
}

export function buildOpenApi() {
  const form = json(submissionSchema) as { properties: Record<string, unknown>; required?: string[] };
  form.properties.idCopy = { type: 'string', format: 'binary', description: 'JPEG, PNG or WebP, at most 10 MB and 40 megapixels' };
  form.properties.signatureImage = { type: 'string', format: 'binary', description: 'PNG of the drawn signature (signatureMethod=drawn)' };
  form.properties.mandate = { type: 'string', format: 'binary', description: 'Required when actingAs=authorised' };
  form.required = [...(form.required ?? []), 'idCopy'];
  const errors = (codes: Record<string, string>) =>
    Object.fromEntries(Object.entries(codes).map(([status, description]) => [status, { description, content: { 'application/json': { schema: json(errorSchema) } } }]));
  const tooMany = 'Too many look-ups from this client';
  const tokenHeader = [{ name: 'Authorization', in: 'header', required: true, schema: { type: 'string', pattern: '^Bearer [A-Za-z0-9_-]{43}$' } }];
  return {
    openapi: '3.1.0',
    info: { title: 'Privacy portal API', version: VERSION },
    paths: {
      '/api/health': { get: { summary: 'Version and database reachability', responses: { 200: { description: 'OK' }, 503: { description: 'Database unreachable' } } } },
      '/api/requests': {
        post: {
          summary: 'File a rights request',
          parameters: [{ name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', pattern: '^[A-Za-z0-9_-]{16,128}$' } }],
          requestBody: { required: true, content: { 'multipart/form-data': { schema: form } } },
          responses: {
            201: { description: 'Filed. A browser whose Accept prefers text/html (the form without JavaScript) gets this answer, and every error, as an HTML page', content: { 'application/json': { schema: json(createdSchema) }, 'text/html': {} } },
            200: { description: 'The same idempotency key again: the first answer', content: { 'application/json': { schema: json(createdSchema) } } },
            ...errors({ 400: 'Malformed multipart body', 413: 'Body over 25 MB', 415: 'Not multipart/form-data', 422: 'Problems, one per field, in the requester\'s language', 429: 'Too many submissions from this client', 503: 'Storage busy or unavailable: nothing was stored, send again' }),
          },
        },
      },
      '/api/requests/status': { get: { summary: 'State, deadlines and timeline', parameters: tokenHeader, responses: { 200: { description: 'Status' }, ...errors({ 401: 'Unknown token', 429: tooMany }) } } },
      '/api/requests/status/receipt': {
        get: { summary: 'The receipt PDF', parameters: tokenHeader, responses: { 200: { description: 'PDF', content: { 'application/pdf': {} } }, ...errors({ 401: 'Unknown token', 429: tooMany }) } },
        post: { summary: 'The receipt PDF, for a plain HTML form (no JavaScript): the token in the body field `token`, never in the URL', requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: { type: 'object', properties: { token: { type: 'string' } }, required: ['token'] } } } }, responses: { 200: { description: 'PDF', content: { 'application/pdf': {} } }, ...errors({ 401: 'Unknown token (an HTML page when Accept prefers text/html)', 429: tooMany }) } },
      },
      '/api/requests/status/withdraw': { post: { summary: 'Withdraw the request', parameters: tokenHeader, responses: { 200: { description: 'Withdrawn' }, ...errors({ 401: 'Unknown token', 409: 'Already closed', 429: tooMany }) } } },
      '/api/requests/status/documents': { post: { summary: 'Add a document (same file rules)', parameters: tokenHeader, requestBody: { content: { 'multipart/form-data': { schema: { type: 'object', properties: { document: { type: 'string', format: 'binary' } }, required: ['document'] } } } }, responses: { 201: { description: 'Added' }, ...errors({ 400: 'Malformed multipart body', 401: 'Unknown token', 409: `Closed or withdrawn, or already ${MAX_ADDED_DOCUMENTS} added documents (status.error.tooManyDocuments)`, 413: 'Too large', 415: 'Not multipart/form-data', 422: 'Refused file', 429: tooMany }) } } },
      '/api/requests/answers/{fileId}': {
        get: {
          summary: 'Download an answer document through the signed link the status lists (valid 15 minutes)',
          parameters: [
            { name: 'fileId', in: 'path', required: true, schema: { type: 'string' } },
            { name: 'expires', in: 'query', required: true, schema: { type: 'integer' } },
            { name: 'sig', in: 'query', required: true, schema: { type: 'string' } },
          ],
          responses: { 200: { description: 'The document, as an attachment' }, ...errors({ 404: 'Unknown, altered or deleted', 410: 'The link expired: reload the status page', 429: tooMany }) },
        },
      },
      '/api/requests/confirm-email': { get: { summary: 'Confirm the e-mail address (link from the e-mail)', parameters: [{ name: 'token', in: 'query', required: true, schema: { type: 'string' } }], responses: { 200: { description: 'Confirmed (HTML)' }, 400: { description: 'Unknown link (HTML)' } } } },
      '/api/verify': { post: { summary: 'Check a receipt against the seal', requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { reference: { type: 'string' }, receiptSha256: { type: 'string' }, fingerprint: { type: 'string' } }, required: ['reference'] } }, 'multipart/form-data': { schema: { type: 'object', properties: { reference: { type: 'string' }, receipt: { type: 'string', format: 'binary' } } } } } }, responses: { 200: { description: 'valid true or false, with a message' }, 404: { description: 'No such reference' }, ...errors({ 400: 'Malformed body', 413: 'Body over 2 MB', 415: 'Neither JSON nor multipart/form-data', 422: 'No valid reference, or nothing to check it against' }) } } },
    },
  };
}

export function openApiRoutes() {
  const doc = buildOpenApi();
  return new Hono().get('/openapi.json', (c) => c.json(doc));
}
