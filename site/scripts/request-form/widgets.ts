/**
 * The signature pad and the ID redactor (site/scripts/signature-pad.ts, site/scripts/redactor/),
 * loaded by the form script as chunks of their own, so the form's checks run before the widgets
 * arrive. import.meta.glob rather than import(): a widget missing from a build leaves the form
 * with the typed signature and the plain file input instead of breaking the bundle.
 */
import type { Redactor, RedactorOptions, Watermark } from '../redactor/types.ts';
import type { SignaturePad, SignaturePadOptions } from '../signature-pad.ts';

export type { Redactor, SignaturePad, Watermark };
type MountSignaturePad = (container: HTMLElement, o: SignaturePadOptions) => SignaturePad;
type MountRedactor = (container: HTMLElement, o: RedactorOptions) => Redactor;

const pads = import.meta.glob<{ mountSignaturePad: MountSignaturePad }>('../signature-pad.ts');
const redactors = import.meta.glob<{ mountRedactor: MountRedactor }>('../redactor/index.ts');

export async function loadSignaturePad(): Promise<MountSignaturePad | null> {
  const load = Object.values(pads)[0];
  return load ? (await load()).mountSignaturePad : null;
}

export async function loadRedactor(): Promise<MountRedactor | null> {
  const load = Object.values(redactors)[0];
  return load ? (await load()).mountRedactor : null;
}
