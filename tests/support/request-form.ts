/**
 * A complete, valid rights request as multipart form data, with a synthetic ID-card photo made
 * by sharp (a card with a red "photo" and a number, and EXIF GPS to prove it is stripped).
 */
import sharp from 'sharp';

export async function syntheticIdCard(o: { width?: number; height?: number; gps?: boolean } = {}): Promise<Buffer> {
  const width = o.width ?? 1011;
  const height = o.height ?? 638;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <rect width="100%" height="100%" fill="#dde8f0"/>
    <rect x="${width * 0.05}" y="${height * 0.2}" width="${width * 0.28}" height="${height * 0.6}" fill="#d01010"/>
    <rect x="${width * 0.4}" y="${height * 0.7}" width="${width * 0.5}" height="${height * 0.1}" fill="#202020"/>
  </svg>`;
  let img = sharp(Buffer.from(svg)).jpeg({ quality: 85 });
  if (o.gps !== false) {
    img = img.withExif({ IFD0: { Make: 'TestCam', Model: 'Card 1' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 3/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '3/1 43/1 0/1' } });
  }
  return img.toBuffer();
}

export async function signaturePng(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="120"><path d="M10 90 C 60 10, 120 110, 180 40 S 300 100, 390 30" stroke="#000" stroke-width="4" fill="none"/></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

export type FormFields = Record<string, string | string[]>;

export function validFields(over: FormFields = {}, today = '2026-04-01'): FormFields {
  return {
    statement: 'crt',
    rights: ['access', 'erasure'],
    'explanation.access': 'I want a copy of everything you keep about me.',
    firstName: 'Olena',
    lastName: 'Kovalenko',
    dateOfBirth: '1985-07-30',
    email: 'olena@example.org',
    phone: '+32 470 12 34 56',
    street: 'Kongostraat 1',
    postcode: '9000',
    city: 'Gent',
    lang: 'uk',
    actingAs: 'self',
    signatureMethod: 'typed',
    signatureName: 'Olena Kovalenko',
    signatureConsent: 'yes',
    signedPlace: 'Gent',
    signedDate: today,
    declaration: 'yes',
    ...over,
  };
}

export function toFormData(fields: FormFields, files: Record<string, Buffer | null> = {}): FormData {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  }
  for (const [k, v] of Object.entries(files)) {
    if (v) form.append(k, new Blob([new Uint8Array(v)]), `${k}.bin`);
  }
  return form;
}
