import { describe, expect, it } from 'vitest';
import { sanitizeText } from '../../../api/pdf/sanitize-text.ts';

const latinAndCyrillic = (cp: number) => cp < 0x2000 || cp === 0x2014;

describe('sanitizeText', () => {
  it('drops soft hyphens, zero-width characters and bidi marks', () => {
    expect(sanitizeText('co\u00ADope\u200Bratie\u200E\uFEFF', () => true)).toBe('cooperatie');
  });

  it('composes decomposed accents into single letters (NFC)', () => {
    expect(sanitizeText('e\u0308e\u0301 и\u0306', () => true)).toBe('ëé й');
  });

  it('replaces characters the font lacks with a stand-in, or "?"', () => {
    expect(sanitizeText('a\u202F: \u2019x\u2019 \u{1F600} — ok', latinAndCyrillic)).toBe("a\u00A0: 'x' ? — ok");
  });

  it('keeps line breaks and spaces for the line breaker', () => {
    expect(sanitizeText('a\nb\tc', () => false)).toBe('?\n?\t?');
  });
});
