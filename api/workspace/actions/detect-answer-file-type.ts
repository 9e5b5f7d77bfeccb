/**
 * The type of an answer document, from its bytes and never from the browser's word: PDF
 * (`%PDF-`), PNG and JPEG by their magic numbers; anything else must be text, valid UTF-8 without
 * NUL bytes. Text has no magic number, so the name's ending only says which text it is (.json must
 * then parse, .csv is CSV, the rest plain text). Anything else is refused.
 *
 * @example detectAnswerFileType(Buffer.from('%PDF-1.7\n…'), 'answer.pdf') // { mime: 'application/pdf', ext: 'pdf' }
 */

export interface AnswerFileType {
  mime: 'application/pdf' | 'image/png' | 'image/jpeg' | 'text/csv; charset=utf-8' | 'application/json' | 'text/plain; charset=utf-8';
  ext: 'pdf' | 'png' | 'jpg' | 'csv' | 'json' | 'txt';
}

const starts = (b: Uint8Array, magic: number[]) => b.length >= magic.length && magic.every((m, i) => b[i] === m);

const utf8 = new TextDecoder('utf-8', { fatal: true });

function utf8Text(b: Uint8Array): string | null {
  if (b.includes(0)) return null;
  try {
    return utf8.decode(b);
  } catch {
    return null;
  }
}

/** Null for a type the portal does not send (an executable, an office file, an empty file). */
export function detectAnswerFileType(bytes: Uint8Array, name: string): AnswerFileType | null {
  if (bytes.length === 0) return null;
  if (starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' };
  if (starts(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png', ext: 'png' };
  if (starts(bytes, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' };
  const text = utf8Text(bytes);
  if (text === null) return null;
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) {
    try {
      JSON.parse(text);
      return { mime: 'application/json', ext: 'json' };
    } catch {
      return null;
    }
  }
  if (lower.endsWith('.csv')) return { mime: 'text/csv; charset=utf-8', ext: 'csv' };
  return { mime: 'text/plain; charset=utf-8', ext: 'txt' };
}
