/**
 * RFC 8785, the JSON Canonicalization Scheme (JCS): one exact text for a JSON value, so that a
 * hash or a signature over it can be recomputed by anyone, in any language, from the data alone.
 *
 * - object keys sorted by their UTF-16 code units (not by locale, not by code point);
 * - no whitespace;
 * - numbers as ECMAScript's Number-to-String (which JSON.stringify uses; -0 becomes 0);
 * - strings escaped as JSON.stringify does (only ", \, and controls below U+0020 are escaped).
 *
 * Only I-JSON data is accepted (RFC 7493, which RFC 8785 requires): values that JSON.stringify
 * would drop or change silently (undefined, functions, symbols, NaN, Infinity, Dates, Maps, class
 * instances) and strings with a lone surrogate (which other JCS implementations cannot encode as
 * UTF-8) are refused with a CanonicalJsonError naming the place, as a JSON Pointer.
 */

export type CanonicalJsonProblem =
  | 'non_finite_number'
  | 'undefined'
  | 'function'
  | 'bigint'
  | 'symbol'
  | 'unsupported_object'
  | 'lone_surrogate'
  | 'cyclic'
  | 'too_deep';

export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
  readonly code: CanonicalJsonProblem;
  /** Where, as a JSON Pointer ('' is the value itself). */
  readonly path: string;
  constructor(code: CanonicalJsonProblem, path: string, detail: string) {
    super(`Cannot canonicalise ${detail} at ${path === '' ? 'the top level' : path} (${code})`);
    this.code = code;
    this.path = path;
  }
}

/** Deeper than any request document; stops a hostile structure from exhausting the stack. */
const MAX_DEPTH = 200;

// With the u flag a well-formed pair is one code point, so this matches lone surrogates only.
const LONE_SURROGATE = /\p{Cs}/u;

function pointer(path: string, key: string | number): string {
  return `${path}/${String(key).replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function writeString(s: string, path: string, out: string[]): void {
  if (LONE_SURROGATE.test(s)) throw new CanonicalJsonError('lone_surrogate', path, 'a string with a lone surrogate');
  out.push(JSON.stringify(s));
}

function write(value: unknown, path: string, ancestors: Set<object>, out: string[]): void {
  switch (typeof value) {
    case 'string':
      return writeString(value, path, out);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError('non_finite_number', path, String(value));
      out.push(JSON.stringify(value));
      return;
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'undefined':
      throw new CanonicalJsonError('undefined', path, 'undefined');
    case 'function':
      throw new CanonicalJsonError('function', path, 'a function');
    case 'bigint':
      throw new CanonicalJsonError('bigint', path, 'a bigint (use a number or a string)');
    case 'symbol':
      throw new CanonicalJsonError('symbol', path, 'a symbol');
  }
  if (value === null) {
    out.push('null');
    return;
  }
  const object = value as object;
  if (ancestors.has(object)) throw new CanonicalJsonError('cyclic', path, 'a reference to an enclosing value');
  if (ancestors.size >= MAX_DEPTH) throw new CanonicalJsonError('too_deep', path, `nesting deeper than ${MAX_DEPTH}`);
  ancestors.add(object);
  if (Array.isArray(object)) {
    out.push('[');
    // Indexes, not forEach: a hole is read as undefined and refused, as JSON.stringify would write null.
    for (let i = 0; i < object.length; i++) {
      if (i > 0) out.push(',');
      write(object[i], pointer(path, i), ancestors, out);
    }
    out.push(']');
  } else {
    const proto: unknown = Object.getPrototypeOf(object);
    if (proto !== Object.prototype && proto !== null) {
      const name = (object as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError('unsupported_object', path, `a ${name} (convert it to plain JSON data first)`);
    }
    if (Object.getOwnPropertySymbols(object).some((s) => Object.prototype.propertyIsEnumerable.call(object, s))) {
      throw new CanonicalJsonError('symbol', path, 'an object with a symbol key');
    }
    // Array.prototype.sort without a comparator orders strings by UTF-16 code units: RFC 8785 §3.2.3.
    const keys = Object.keys(object).sort();
    out.push('{');
    keys.forEach((key, i) => {
      if (i > 0) out.push(',');
      const at = pointer(path, key);
      writeString(key, at, out);
      out.push(':');
      write((object as Record<string, unknown>)[key], at, ancestors, out);
    });
    out.push('}');
  }
  // Only enclosing values count as a cycle: the same object twice side by side is fine.
  ancestors.delete(object);
}

/**
 * The RFC 8785 canonical JSON text of a value. Throws CanonicalJsonError for anything that is not
 * plain JSON data.
 *
 * @example canonicalJson({ b: [1e21, -0, 4.50], a: 'é' }) // '{"a":"é","b":[1e+21,0,4.5]}'
 * @example canonicalJson({ when: new Date() }) // throws CanonicalJsonError (unsupported_object)
 */
export function canonicalJson(value: unknown): string {
  const out: string[] = [];
  write(value, '', new Set(), out);
  return out.join('');
}
