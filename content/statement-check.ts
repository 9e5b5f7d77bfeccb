/**
 * Static checks of a statement's MDX source, run by `npm run check:statements` and the content
 * tests before any build: front matter valid, only the allowed components, every fact key and
 * id resolves, no raw HTML.
 *
 * @example checkStatementSource(text, 'content/statements/en/crt.mdx') // [] when all is well
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import yaml from 'js-yaml';
import { z } from 'zod';
import { facts, factValue } from './facts.ts';
import { LANGS, STATEMENT_IDS, statementPageSchema } from './schema.ts';

const COMPONENTS: Record<string, (attrs: Record<string, string>) => string | null> = {
  F: (a) => tryFact(a.k),
  Org: (a) => (a.id && (facts.organisations[a.id] || facts.controllers[a.id] || facts.complaintBodies[a.id]) ? null : `no organisation "${a.id}"`),
  LegalBasis: (a) => (a.id && facts.legalBases[a.id] ? null : `no legal basis "${a.id}"`),
  ControllerContact: (a) => (a.id && facts.controllers[a.id] ? null : `no controller "${a.id}"`),
  ComplaintBodies: (a) => ((a.ids ?? '').split(',').every((id) => facts.complaintBodies[id.trim()]) ? null : `unknown complaint body in "${a.ids}"`),
  StatementLink: (a) => (a.id && facts.statements[a.id] ? null : `no statement "${a.id}"`),
};

function tryFact(key: string | undefined): string | null {
  if (!key) return 'F needs k="…"';
  try {
    factValue(key);
    return null;
  } catch (e) {
    return (e as Error).message;
  }
}

export function checkStatementSource(text: string, file: string): string[] {
  const problems: string[] = [];
  const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
  if (!fm) return [`${file}: no front matter`];
  const parsed = statementPageSchema.safeParse(yaml.load(fm[1]!));
  if (!parsed.success) problems.push(`${file}: front matter: ${z.prettifyError(parsed.error)}`);
  const body = text.slice(fm[0].length);
  const lines = body.split('\n');
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/<\/?([A-Za-z][\w.-]*)([^>]*)>/g)) {
      const [whole, name, rawAttrs] = m;
      const where = `${file}:${i + 1 + fm[0].split('\n').length - 1}`;
      const check = COMPONENTS[name!];
      if (!check) {
        problems.push(`${where}: <${name}> is not allowed (raw HTML or unknown component): ${whole}`);
        continue;
      }
      const attrs: Record<string, string> = {};
      for (const a of rawAttrs!.matchAll(/(\w+)="([^"]*)"/g)) attrs[a[1]!] = a[2]!;
      const problem = check(attrs);
      if (problem) problems.push(`${where}: ${problem}`);
    }
  });
  if (/^import\s|^export\s/m.test(body)) problems.push(`${file}: imports and exports are not allowed; components need no import`);
  return problems;
}

/** Checks all 15 statement files (3 statements x 5 languages) under a content root. */
export function checkAllStatements(root: string): string[] {
  const problems: string[] = [];
  for (const lang of LANGS) {
    for (const id of STATEMENT_IDS) {
      const file = join(root, 'statements', lang, `${id}.mdx`);
      if (!existsSync(file)) {
        problems.push(`${file}: missing (every statement must exist in every language)`);
        continue;
      }
      const text = readFileSync(file, 'utf8');
      problems.push(...checkStatementSource(text, file));
      const fm = /^---\n([\s\S]*?)\n---\n/.exec(text);
      const data = fm ? (yaml.load(fm[1]!) as Record<string, unknown>) : {};
      if (data.lang !== lang || data.statement !== id) problems.push(`${file}: front matter says lang=${String(data.lang)} statement=${String(data.statement)}`);
    }
  }
  return problems;
}
