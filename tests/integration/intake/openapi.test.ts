// /api/openapi.json documents POST /api/requests as the code validates it: every form field of
// the schema and every file part, the required ones, and every answer the route can give.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FILE_FIELDS, RIGHTS, TEXT_FIELDS, submissionSchema } from '../../../api/intake/submission-schema.ts';
import { createTestApp, type TestApp } from '../../support/test-app.ts';

interface Schema {
  type?: string;
  properties?: Record<string, Schema & { format?: string; enum?: string[]; items?: Schema & { enum?: string[] } }>;
  required?: string[];
}
interface Operation {
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Schema }> }>;
}

let t: TestApp;
let doc: { openapi: string; paths: Record<string, Record<string, Operation>> };
beforeAll(async () => {
  t = await createTestApp();
  const res = await t.app.request('/api/openapi.json');
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  doc = (await res.json()) as typeof doc;
});
afterAll(async () => {
  await t.close();
});

describe('/api/openapi.json', () => {
  it('is OpenAPI 3.1 and lists the intake and status routes', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/requests', '/api/requests/status', '/api/requests/status/receipt', '/api/requests/status/withdraw', '/api/requests/status/documents', '/api/requests/confirm-email', '/api/verify']),
    );
  });

  it('POST /api/requests: multipart/form-data with every form field of the schema and every file', () => {
    const op = doc.paths['/api/requests']!.post!;
    expect(op.requestBody!.required).toBe(true);
    expect(Object.keys(op.requestBody!.content)).toEqual(['multipart/form-data']);
    const form = op.requestBody!.content['multipart/form-data']!.schema;
    expect(Object.keys(form.properties!).sort()).toEqual([...TEXT_FIELDS, ...FILE_FIELDS].sort());
    for (const f of FILE_FIELDS) expect(form.properties![f]).toMatchObject({ type: 'string', format: 'binary' });
    expect(form.properties!.rights!.type).toBe('array');
    expect(form.properties!.rights!.items!.enum).toEqual([...RIGHTS]);
    expect(form.properties!.lang!.enum).toEqual(['nl', 'en', 'fr', 'uk', 'ru']);
  });

  it('the required fields are the ones the schema requires, and the ID copy', () => {
    const form = doc.paths['/api/requests']!.post!.requestBody!.content['multipart/form-data']!.schema;
    const required = Object.entries(submissionSchema.shape)
      .filter(([, s]) => !s.safeParse(undefined).success)
      .map(([k]) => k);
    expect([...form.required!].sort()).toEqual([...required, 'idCopy'].sort());
    expect(form.required).not.toContain('website');
    expect(form.required).not.toContain('phone');
  });

  it('the answers: 201, 200 (replay), and each error with the error shape', () => {
    const op = doc.paths['/api/requests']!.post!;
    expect(Object.keys(op.responses).sort()).toEqual(['200', '201', '400', '413', '415', '422', '429', '503']);
    const created = op.responses['201']!.content!['application/json']!.schema;
    expect(Object.keys(created.properties!)).toEqual(expect.arrayContaining(['reference', 'statusToken', 'legalDeadline', 'fingerprint', 'nationalRegisterNumbersMasked']));
    for (const status of ['400', '413', '415', '422', '429', '503']) {
      const schema = op.responses[status]!.content!['application/json']!.schema;
      expect(schema.properties!.error!.properties).toHaveProperty('code');
      expect(schema.properties!.error!.properties).toHaveProperty('issues');
    }
    expect(op.parameters).toEqual([expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: false })]);
  });

  it('the status and verify routes document every answer they give', () => {
    const answers: Record<string, [string, string[]]> = {
      '/api/requests/status': ['get', ['200', '401', '429']],
      '/api/requests/status/receipt': ['get', ['200', '401', '429']],
      '/api/requests/status/withdraw': ['post', ['200', '401', '409', '429']],
      '/api/requests/status/documents': ['post', ['201', '400', '401', '409', '413', '415', '422', '429']],
      '/api/requests/confirm-email': ['get', ['200', '400']],
      '/api/requests/answers/{fileId}': ['get', ['200', '404', '410', '429']],
      '/api/verify': ['post', ['200', '400', '404', '413', '415', '422']],
    };
    for (const [path, [method, statuses]] of Object.entries(answers)) {
      expect(Object.keys(doc.paths[path]![method]!.responses).sort(), `${method.toUpperCase()} ${path}`).toEqual(statuses.sort());
    }
  });
});
