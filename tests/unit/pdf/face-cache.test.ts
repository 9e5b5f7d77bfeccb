// The shared measuring of face-cache.ts against pdf-lib's own: real Noto Sans, real fontkit.
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { faceCache, withSharedShaping } from '../../../api/pdf/face-cache.ts';
import { FEATURES } from '../../../api/pdf/render-pdf.ts';
import { renderDeps } from '../../support/pdf-tools.ts';

const deps = await renderDeps();

// Plain text in every script the portal writes, text that shaping changes (ligatures it would
// make with other features, combining marks), default-ignorables (soft hyphen, joiners), spaces.
const TEXTS = ['Privacyverzoek', 'office ffi fl', 'Ґанок, їжак, Йосип', 'Ещё объём', 'e\u0301te\u0301', 'a\u00ADb', 'x\u200Dy\u200Bz', ' \u00A0 ', '', 'PR-7K3M-9QXD-4 · 4 травня 2026'];

describe('faceCache().unitWidth', () => {
  it.each(['regular', 'bold', 'italic'] as const)('gives exactly the width pdf-lib measures with a document font (%s)', async (face) => {
    const doc = await PDFDocument.create();
    doc.registerFontkit(withSharedShaping(deps.fontkit));
    const font = await doc.embedFont(deps.fonts[face], { subset: true, features: FEATURES });
    const shared = faceCache(deps.fontkit, deps.fonts[face]);
    for (const text of TEXTS) {
      const own = font.widthOfTextAtSize(text, 1);
      expect(shared.unitWidth(text, FEATURES), JSON.stringify(text)).toBe(own);
      // Asked again, from memory: the same number.
      expect(shared.unitWidth(text, FEATURES)).toBe(own);
    }
    expect(shared.unitWidth('Privacyverzoek', FEATURES)).toBeGreaterThan(5);
  });
});
