// Where the identifying fields are, as fractions of the cropped document (DOMAIN.md, "Identity
// documents"). Generous on purpose: printing, scans and crops vary by a few millimetres, and a
// mask a little too big costs nothing. They are starting points: the person moves them.
import type { Box } from './geometry.ts';

export type TemplateId = 'eidFront' | 'eidBack' | 'residenceFront' | 'residenceBack' | 'passport';

// Belgian eID since 2020, ID-1 (85.60 x 53.98 mm). Front: the photo on the left; the card number
// in the lower middle, left of the validity dates (which stay readable). Back: the national
// register number at the top left, the laser-perforated copy of the photo at the top right, and
// the three-line machine-readable zone filling the bottom third (it repeats both numbers).
const eidFront: Box[] = [
  { x: 0.02, y: 0.18, w: 0.32, h: 0.78 },
  { x: 0.34, y: 0.72, w: 0.32, h: 0.16 },
];
const eidBack: Box[] = [
  { x: 0.02, y: 0.03, w: 0.56, h: 0.2 },
  { x: 0.7, y: 0.03, w: 0.28, h: 0.55 },
  { x: 0, y: 0.6, w: 1, h: 0.4 },
];

/**
 * The masks of each document type. Residence cards share the eID's geometry; their back also
 * carries the national register number, masked too. Passport data page (TD3, 125 x 88 mm): photo
 * on the left, personal number on the right, two-line machine-readable zone at the bottom.
 *
 * @example
 *   MASK_TEMPLATES.eidFront[0] // the photo: { x: 0.02, y: 0.18, w: 0.32, h: 0.78 }
 */
export const MASK_TEMPLATES: Readonly<Record<TemplateId, readonly Box[]>> = {
  eidFront,
  eidBack,
  residenceFront: eidFront,
  residenceBack: eidBack,
  passport: [
    { x: 0.02, y: 0.14, w: 0.32, h: 0.62 },
    { x: 0.6, y: 0.14, w: 0.38, h: 0.14 },
    { x: 0, y: 0.74, w: 1, h: 0.26 },
  ],
};
