/**
 * RFC 8785 conformance: the RFC's number samples (Appendix B, as IEEE-754 bit patterns), its
 * sorting example (§3.2.3), the cyberphone/json-canonicalization test files (input -> output,
 * the RFC author's reference data), the refusals, and properties over generated JSON.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, type CanonicalJsonProblem } from '../../../api/seal/canonical-json.ts';

const fromBits = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('numbers (RFC 8785 Appendix B)', () => {
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'], // -0
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('%s serialises as %s', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it.each([
    [1e21, '1e+21'],
    [1e-7, '1e-7'],
    [-0, '0'],
    [333333333.33333329, '333333333.3333333'],
    [4.5, '4.5'],
    [2e-3, '0.002'],
    [0.000001, '0.000001'],
    [1e30, '1e+30'],
    [1e-27, '1e-27'],
    [100, '100'],
    [-1.5, '-1.5'],
  ])('%d serialises as %s', (n, expected) => {
    expect(canonicalJson(n)).toBe(expected);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('refuses %s (%s)', (bits) => {
    expect(() => canonicalJson(fromBits(bits))).toThrow(CanonicalJsonError);
  });
});

describe('the RFC 8785 examples and the reference test files', () => {
  it('sorts keys by UTF-16 code units (§3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const out = canonicalJson(input);
    // Read the order from the text: Object.keys would list the integer-like "1" first.
    const order = [...out.matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(out).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  // input text -> expected output, from cyberphone/json-canonicalization testdata/{input,output}.
  it.each([
    [
      'values.json (the §3.2.2 example)',
      '{\n  "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001],\n  "escaping": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
      '{"escaping":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/","literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27]}',
    ],
    [
      'weird.json',
      '{\n  "\\u20ac": "Euro Sign",\n  "1": "One",\n  "\\u0080": "Control\\u007f",\n  "\\ud83d\\ude02": "Smiley",\n  "\\u00f6": "Latin Small Letter O With Diaeresis",\n  "\\ufb33": "Hebrew Letter Dalet With Dagesh",\n  "</script>": "Browser Challenge"\n}\n',
      '{"1":"One","</script>":"Browser Challenge","\u0080":"Control\u007f","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude02":"Smiley","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    ],
    [
      'structures.json',
      '{\n  "1": {"f": {"f": "hi","F": 5} ,"\\n": 56.0},\n  "10": { },\n  "": "empty",\n  "a": { },\n  "111": [ { } ],\n  "A": { }\n}',
      '{"":"empty","1":{"\\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}',
    ],
    ['arrays.json', '[\n  56,\n  {\n    "d": true,\n    "10": null,\n    "1": [ ]\n  }\n]', '[56,{"1":[],"10":null,"d":true}]'],
    [
      'french.json (no locale collation)',
      '{\n  "peach": "This sorting order",\n  "p\u00e9ch\u00e9": "is wrong according to French",\n  "p\u00eache": "but canonicalization MUST",\n  "sin":   "ingnore locale"\n}\n',
      '{"peach":"This sorting order","p\u00e9ch\u00e9":"is wrong according to French","p\u00eache":"but canonicalization MUST","sin":"ingnore locale"}',
    ],
    ['unicode.json (no Unicode normalisation)', '{\n  "Unnormalized Unicode":"\\u1e0d\\u0307"\n}\n', '{"Unnormalized Unicode":"\u1e0d\u0307"}'],
  ])('%s', (_name, input, expected) => {
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
  });

  it('writes literals, empty containers and strings as JSON.stringify does', () => {
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(true)).toBe('true');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    expect(canonicalJson('\u0000\u001f\u007f\u2028"\\/')).toBe(JSON.stringify('\u0000\u001f\u007f\u2028"\\/'));
    expect(canonicalJson(Object.create(null) as object)).toBe('{}');
    expect(canonicalJson({ __proto__: null, b: 1, a: 2 })).toBe('{"a":2,"b":1}');
    expect(canonicalJson(JSON.parse('{"__proto__":1}'))).toBe('{"__proto__":1}');
    expect(canonicalJson({ 10: 'a', 9: 'b', a: 'c', 1: 'd', '01': 'e' })).toBe('{"01":"e","1":"d","10":"a","9":"b","a":"c"}');
  });

  it('allows the same object twice when it does not contain itself', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared, shared] })).toBe('{"a":{"x":1},"b":[{"x":1},{"x":1}]}');
  });
});

describe('refusals', () => {
  const cyclic: Record<string, unknown> = { a: 1 };
  cyclic.self = { back: cyclic };
  const cyclicArray: unknown[] = [1];
  cyclicArray.push(cyclicArray);
  let deep: unknown = 1;
  for (let i = 0; i < 300; i++) deep = [deep];
  class Thing {
    x = 1;
  }

  const cases: [string, unknown, CanonicalJsonProblem, string][] = [
    ['NaN in an array', [1, NaN], 'non_finite_number', '/1'],
    ['Infinity in an object', { a: { b: Infinity } }, 'non_finite_number', '/a/b'],
    ['undefined at the top', undefined, 'undefined', ''],
    ['an undefined property', { a: undefined }, 'undefined', '/a'],
    ['a hole in an array', [1, , 3], 'undefined', '/1'],
    ['a function', { f: () => 1 }, 'function', '/f'],
    ['a bigint', { n: 10n }, 'bigint', '/n'],
    ['a symbol value', [Symbol('s')], 'symbol', '/0'],
    ['a symbol key', { [Symbol('k')]: 1 }, 'symbol', ''],
    ['a Date', { when: new Date(0) }, 'unsupported_object', '/when'],
    ['a Map', new Map(), 'unsupported_object', ''],
    ['a class instance', { t: new Thing() }, 'unsupported_object', '/t'],
    ['a boxed string', { s: new String('x') }, 'unsupported_object', '/s'],
    ['a Buffer', { b: Buffer.from('x') }, 'unsupported_object', '/b'],
    ['an object that contains itself', cyclic, 'cyclic', '/self/back'],
    ['an array that contains itself', cyclicArray, 'cyclic', '/1'],
    ['a lone high surrogate in a value', { s: 'a\ud800b' }, 'lone_surrogate', '/s'],
    ['a lone low surrogate in a key', { 'k\udc00': 1 }, 'lone_surrogate', '/k\udc00'],
    ['a key with / and ~ in the path', { 'a/b~c': [undefined] }, 'undefined', '/a~1b~0c/0'],
    ['nesting 300 deep', deep, 'too_deep', `/${Array(200).fill('0').join('/')}`],
  ];

  it.each(cases)('refuses %s', (_name, value, code, path) => {
    try {
      canonicalJson(value);
      expect.fail('should throw');
    } catch (e) {
      expect(e).toBeInstanceOf(CanonicalJsonError);
      expect((e as CanonicalJsonError).code).toBe(code);
      expect((e as CanonicalJsonError).path).toBe(path);
    }
  });
});

/** A deep copy with every object's keys inserted in a shuffled order. */
function reorder(value: unknown, pick: (n: number) => number): unknown {
  if (Array.isArray(value)) return value.map((v) => reorder(v, pick));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = pick(i + 1);
    [keys[i], keys[j]] = [keys[j]!, keys[i]!];
  }
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: `out.__proto__ = x` would set the prototype, not a key.
  for (const k of keys) Object.defineProperty(out, k, { value: reorder((value as Record<string, unknown>)[k], pick), enumerable: true, writable: true, configurable: true });
  return out;
}

/** Code-unit order written out, to check the implementation's plain sort() against. */
function compareCodeUnits(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/**
 * An independent oracle for I-JSON data: JSON.stringify for leaves, keys sorted by the comparator
 * above. (JSON.stringify of a key-sorted copy would not do: objects list integer-like keys first.)
 */
function oracle(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(oracle).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort(compareCodeUnits);
    return `{${keys.map((k) => `${JSON.stringify(k)}:${oracle((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

describe('properties over generated JSON', () => {
  const json = fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 5 });

  it('is idempotent: canonicalising the parsed canonical text gives the same text', () => {
    fc.assert(
      fc.property(json, (value) => {
        const once = canonicalJson(value);
        expect(canonicalJson(JSON.parse(once))).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('does not depend on key insertion order', () => {
    fc.assert(
      fc.property(json, fc.infiniteStream(fc.nat()), (value, stream) => {
        const it = stream[Symbol.iterator]();
        const shuffled = reorder(value, (n) => it.next().value % n);
        expect(canonicalJson(shuffled)).toBe(canonicalJson(value));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with an independent oracle, and parses back to the same data', () => {
    const keyish = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 4 }), fc.nat({ max: 200 }).map(String), fc.constantFrom('\r', '\u0080', '\ufb33', '\ud83d\ude00', '__proto__'));
    const data = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ stringUnit: 'grapheme', maxDepth: 1 }), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(keyish, tie('value'), { maxKeys: 6 })),
    })).value;
    fc.assert(
      fc.property(fc.oneof(json, data), (value) => {
        const text = canonicalJson(value);
        expect(text).toBe(oracle(value));
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(value)));
      }),
      { numRuns: 2000 },
    );
  });

  it('serialises every finite double as ECMAScript does', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (n) => canonicalJson(n) === JSON.stringify(n)), { numRuns: 10_000 });
  });
});
