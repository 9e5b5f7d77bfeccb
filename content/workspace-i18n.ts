/**
 * The DPO workspace's own strings, in its two languages (Dutch and English): one file per area
 * of the workspace under content/i18n/workspace/{lang}/{area}.json, every key starting with the
 * area's name (`list.title` lives in list.json). Dutch defines the keys; English must have the
 * same keys with the same placeholders, or loading fails (and with it the build and the start).
 * Strings the requester also sees (rights, states, statements) stay in content/i18n/{lang}.json.
 *
 * @example
 *   tw('en', 'list.daysLeft', { days: 3 })
 */
import { z } from 'zod';
import { placeholders } from './i18n.ts';
import { uiStringsSchema } from './schema.ts';
import nlCommon from './i18n/workspace/nl/common.json' with { type: 'json' };
import nlList from './i18n/workspace/nl/list.json' with { type: 'json' };
import nlRequest from './i18n/workspace/nl/request.json' with { type: 'json' };
import nlActions from './i18n/workspace/nl/actions.json' with { type: 'json' };
import nlOverview from './i18n/workspace/nl/overview.json' with { type: 'json' };
import nlAudit from './i18n/workspace/nl/audit.json' with { type: 'json' };
import nlOidc from './i18n/workspace/nl/oidc.json' with { type: 'json' };
import nlUsers from './i18n/workspace/nl/users.json' with { type: 'json' };
import enCommon from './i18n/workspace/en/common.json' with { type: 'json' };
import enList from './i18n/workspace/en/list.json' with { type: 'json' };
import enRequest from './i18n/workspace/en/request.json' with { type: 'json' };
import enActions from './i18n/workspace/en/actions.json' with { type: 'json' };
import enOverview from './i18n/workspace/en/overview.json' with { type: 'json' };
import enAudit from './i18n/workspace/en/audit.json' with { type: 'json' };
import enOidc from './i18n/workspace/en/oidc.json' with { type: 'json' };
import enUsers from './i18n/workspace/en/users.json' with { type: 'json' };

export const WORKSPACE_LANGS = ['nl', 'en'] as const;
export type WorkspaceLang = (typeof WORKSPACE_LANGS)[number];

const nlAreas = { common: nlCommon, list: nlList, request: nlRequest, actions: nlActions, overview: nlOverview, audit: nlAudit, oidc: nlOidc, users: nlUsers };
const enAreas = { common: enCommon, list: enList, request: enRequest, actions: enActions, overview: enOverview, audit: enAudit, oidc: enOidc, users: enUsers };

type Merge<T> = (T extends unknown ? (x: T) => void : never) extends (x: infer I) => void ? I : never;
export type WorkspaceKey = keyof Merge<(typeof nlAreas)[keyof typeof nlAreas]>;

/** Checks the areas of both languages; returns the problems found (empty when all is well). */
export function checkWorkspaceStrings(all: Record<WorkspaceLang, Record<string, unknown>>): string[] {
  const problems: string[] = [];
  const merged: Partial<Record<WorkspaceLang, Record<string, string>>> = {};
  for (const lang of WORKSPACE_LANGS) {
    const into: Record<string, string> = {};
    for (const [area, strings] of Object.entries(all[lang])) {
      const file = `content/i18n/workspace/${lang}/${area}.json`;
      const r = uiStringsSchema.safeParse(strings);
      if (!r.success) {
        problems.push(`${file}: ${z.prettifyError(r.error)}`);
        continue;
      }
      for (const [key, text] of Object.entries(r.data)) {
        if (!key.startsWith(`${area}.`)) problems.push(`${file}: key "${key}" does not start with "${area}."`);
        into[key] = text;
      }
    }
    merged[lang] = into;
  }
  const nl = merged.nl!;
  const en = merged.en!;
  for (const key of Object.keys(nl)) {
    if (!(key in en)) problems.push(`content/i18n/workspace/en: missing key "${key}"`);
    else if (placeholders(nl[key]!).join() !== placeholders(en[key]!).join()) {
      problems.push(`content/i18n/workspace/en: "${key}" has placeholders {${placeholders(en[key]!).join('}, {')}} where Dutch has {${placeholders(nl[key]!).join('}, {')}}`);
    }
  }
  for (const key of Object.keys(en)) if (!(key in nl)) problems.push(`content/i18n/workspace/en: extra key "${key}" (not in Dutch)`);
  return problems;
}

const problems = checkWorkspaceStrings({ nl: nlAreas, en: enAreas });
if (problems.length > 0) throw new Error(`Workspace strings are incomplete or inconsistent:\n- ${problems.join('\n- ')}`);

const strings: Record<WorkspaceLang, Record<string, string>> = {
  nl: Object.assign({}, ...Object.values(nlAreas)),
  en: Object.assign({}, ...Object.values(enAreas)),
};

const PLACEHOLDER = /\{([a-zA-Z0-9_]+)\}/g;

/** A workspace string in Dutch or English, with {placeholders} filled in. */
export function tw(lang: WorkspaceLang, key: WorkspaceKey, params: Record<string, string | number> = {}): string {
  const text = strings[lang][key];
  if (text === undefined) throw new Error(`tw(${lang}, ${String(key)}): no such key`);
  return text.replace(PLACEHOLDER, (_whole, name: string) => {
    if (!(name in params)) throw new Error(`tw(${lang}, ${String(key)}): no value for {${name}}`);
    return String(params[name]);
  });
}
