/**
 * Belgian national register numbers (rijksregisternummer) in free text. The portal never asks for
 * one; when a person types one into a free-text field, it is found, the person is warned, and it
 * is masked before the text is stored (DOMAIN.md, "Identity documents").
 *
 * The number is YYMMDD-NNN-CC: birth date, a sequence number NNN and a check number
 * CC = 97 - (YYMMDDNNN mod 97), or for births from 2000 on 97 - (2YYMMDDNNN mod 97). Both are
 * tried, as the century is not in the number; at most one can match, as 2 000 000 000 is not a
 * multiple of 97. Month and day are 00 when the birth date is unknown, and bis numbers (for people
 * not in the national register) add 20 or 40 to the month.
 *
 * Matching leans towards masking: any 11 digits with a valid check and a plausible month and day
 * are masked, even if they were meant as something else (1 in about 97 random numbers of that
 * shape). Numbers failing the check (phone or account numbers, typos) are left as typed.
 */

/** What replaces every number found: the same for all, so the mask says nothing about the number. */
export const NATIONAL_REGISTER_NUMBER_MASK = '••.••.••-•••.••';

// One separator between groups at most: a single space, or a dot, hyphen, dash or slash with an
// optional space either side. Bounded on purpose, so the pattern cannot backtrack badly.
const SPACE = '[ \\u00a0\\u202f]';
const SEP = `(?:${SPACE}?[.\\-/\\u2010\\u2011\\u2013\\u2212]${SPACE}?|${SPACE})?`;
// Not inside a longer digit run on either side.
const CANDIDATE = new RegExp(`(?<!\\d)(\\d\\d)${SEP}(\\d\\d)${SEP}(\\d\\d)${SEP}(\\d{3})${SEP}(\\d\\d)(?!\\d)`, 'gu');
const WHOLE = new RegExp(`^${CANDIDATE.source}$`, 'u');

function plausibleDate(month: number, day: number): boolean {
  // 00 = unknown; 20-32 and 40-52 are bis numbers (month + 20 or + 40).
  const monthOk = month <= 12 || (month >= 20 && month <= 32) || (month >= 40 && month <= 52);
  return monthOk && day <= 31;
}

/**
 * Whether 11 digits (no separators) are a valid national register number: a plausible birth month
 * and day and a check number right for a birth before 2000 or from 2000 on.
 *
 * @example isValidNationalRegisterNumberDigits('85073003328') // true
 * @example isValidNationalRegisterNumberDigits('85073003329') // false
 */
export function isValidNationalRegisterNumberDigits(digits: string): boolean {
  if (!/^\d{11}$/.test(digits)) return false;
  if (!plausibleDate(Number(digits.slice(2, 4)), Number(digits.slice(4, 6)))) return false;
  const base = Number(digits.slice(0, 9));
  const check = Number(digits.slice(9));
  return check === 97 - (base % 97) || check === 97 - ((2_000_000_000 + base) % 97);
}

/**
 * Whether a text is exactly one valid national register number, written with or without
 * separators.
 *
 * @example isValidNationalRegisterNumber('85.07.30-033.28') // true
 * @example isValidNationalRegisterNumber('02 11 05 248 41') // true
 */
export function isValidNationalRegisterNumber(text: string): boolean {
  const m = WHOLE.exec(text);
  return m !== null && isValidNationalRegisterNumberDigits(m.slice(1, 6).join(''));
}

/**
 * 11 digits in the official notation YY.MM.DD-NNN.CC.
 *
 * @example formatNationalRegisterNumber('90021512370') // '90.02.15-123.70'
 */
export function formatNationalRegisterNumber(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9, 11)}`;
}

/** A valid national register number found in a text. */
export interface NationalRegisterNumberMatch {
  /** Where it starts in the text (UTF-16 index) and how long it is as written. */
  index: number;
  length: number;
  /** As written, separators included. */
  written: string;
  /** The 11 digits. */
  digits: string;
}

/**
 * Every valid national register number in a text, left to right, not overlapping; written as
 * `85.07.30-033.28`, `850730-033-28`, `85 07 30 033 28`, `85073003328` and the like, but not inside
 * a longer run of digits.
 *
 * @example findNationalRegisterNumbers('My number is 85.07.30-033.28.').map((m) => m.digits) // ['85073003328']
 */
export function findNationalRegisterNumbers(text: string): NationalRegisterNumberMatch[] {
  const found: NationalRegisterNumberMatch[] = [];
  const re = new RegExp(CANDIDATE.source, CANDIDATE.flags);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    const digits = m.slice(1, 6).join('');
    if (isValidNationalRegisterNumberDigits(digits)) {
      found.push({ index: m.index, length: m[0].length, written: m[0], digits });
    } else {
      // A candidate that fails the check may overlap a valid one that starts later.
      re.lastIndex = m.index + 1;
    }
  }
  return found;
}

/**
 * The text with every valid national register number replaced by NATIONAL_REGISTER_NUMBER_MASK,
 * and how many were replaced. Text without one comes back unchanged.
 *
 * @example maskNationalRegisterNumbers('RRN 85.07.30-033.28, tel. 0485 12 34 56')
 *   // { text: 'RRN ••.••.••-•••.••, tel. 0485 12 34 56', masked: 1 }
 */
export function maskNationalRegisterNumbers(text: string): { text: string; masked: number } {
  const found = findNationalRegisterNumbers(text);
  if (found.length === 0) return { text, masked: 0 };
  let out = '';
  let at = 0;
  for (const m of found) {
    out += text.slice(at, m.index) + NATIONAL_REGISTER_NUMBER_MASK;
    at = m.index + m.length;
  }
  return { text: out + text.slice(at), masked: found.length };
}
