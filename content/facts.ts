/**
 * The facts, read once from content/facts/*.json and validated. Every address, e-mail address,
 * enterprise number and legal basis that the site, the PDFs, the API and the e-mails show comes
 * from here.
 *
 * @example
 *   import { facts, controller } from '../content/facts.ts';
 *   controller('ingent').dpoEmail; // 'gdpr@in-gent.be'
 */
import { z } from 'zod';
import controllersJson from './facts/controllers.json' with { type: 'json' };
import complaintBodiesJson from './facts/complaint-bodies.json' with { type: 'json' };
import legalBasesJson from './facts/legal-bases.json' with { type: 'json' };
import organisationsJson from './facts/organisations.json' with { type: 'json' };
import statementsJson from './facts/statements.json' with { type: 'json' };
import {
  complaintBodySchema,
  controllerSchema,
  legalBasisSchema,
  organisationSchema,
  statementSchema,
  type ControllerId,
  type StatementId,
} from './schema.ts';

function byId<T extends { id: string }>(name: string, schema: z.ZodType<T>, rows: unknown): Record<string, T> {
  const parsed = z.array(schema).safeParse(rows);
  if (!parsed.success) {
    throw new Error(`content/facts/${name}.json is invalid:\n${z.prettifyError(parsed.error)}`);
  }
  const out: Record<string, T> = {};
  for (const row of parsed.data) {
    if (out[row.id]) throw new Error(`content/facts/${name}.json: duplicate id "${row.id}"`);
    out[row.id] = row;
  }
  return out;
}

export const facts = {
  controllers: byId('controllers', controllerSchema, controllersJson),
  complaintBodies: byId('complaint-bodies', complaintBodySchema, complaintBodiesJson),
  legalBases: byId('legal-bases', legalBasisSchema, legalBasesJson),
  organisations: byId('organisations', organisationSchema, organisationsJson),
  statements: byId('statements', statementSchema, statementsJson),
};

export function controller(id: ControllerId) {
  const c = facts.controllers[id];
  if (!c) throw new Error(`Unknown controller "${id}"`);
  return c;
}

export function statement(id: StatementId) {
  const s = facts.statements[id];
  if (!s) throw new Error(`Unknown statement "${id}"`);
  return s;
}

/**
 * Resolves a dotted fact key such as `controllers.ingent.dpoEmail` to its value.
 * Throws on a key that does not resolve, so a typo in a statement fails the build.
 *
 * @example factValue('complaintBodies.gba.email') // 'contact@apd-gba.be'
 */
export function factValue(key: string): string | number {
  let node: unknown = facts;
  for (const part of key.split('.')) {
    if (node === null || typeof node !== 'object' || !(part in node)) {
      throw new Error(`Fact "${key}" does not exist in content/facts (stopped at "${part}")`);
    }
    node = (node as Record<string, unknown>)[part];
  }
  if (typeof node !== 'string' && typeof node !== 'number') {
    throw new Error(`Fact "${key}" is not a single value (got ${node === null ? 'null' : typeof node})`);
  }
  return node;
}
