// The redactor's public types: every text is passed in by the page, so the page translates them.

/** Every label, help text and announcement of the redactor, in the page's language. */
export interface RedactorStrings {
  /** Button that opens the file picker, e.g. "Choose a photo of your ID card". */
  choose: string;
  /** Button that opens the camera (shown on touch screens only), e.g. "Take a photo". */
  takePhoto: string;
  /** Shown when the file is not an image the browser can open. */
  loadError: string;
  /** Accessible name of the editing view, e.g. "Photo of your ID card". */
  image: string;
  /** Button: turn the photo 90 degrees clockwise, e.g. "Rotate". */
  rotate: string;
  /** Announced after a rotation, e.g. "Photo rotated". */
  rotated: string;
  /** Accessible name of the crop frame, e.g. "Crop frame". */
  cropArea: string;
  /** Visible help while cropping (also the crop frame's description). */
  cropHelp: string;
  /** Button that ends cropping and goes on to the masks, e.g. "Done cropping". */
  cropDone: string;
  /** Button that goes back to cropping, e.g. "Change crop". */
  cropEdit: string;
  /** Announced after the crop frame moves / is resized; may use {x} {y} {w} {h} (percent). */
  cropMoved: string;
  cropResized: string;
  /** Label of the document-type list, e.g. "Type of document". */
  template: string;
  /** The document types whose masks can be placed at once. */
  templates: { eidFront: string; eidBack: string; residenceFront: string; residenceBack: string; passport: string };
  /** Button that places the chosen type's masks (replacing the masks there are), e.g. "Place masks". */
  applyTemplate: string;
  /** Announced after placing, e.g. "{count} masks placed". */
  templateApplied: string;
  /** Buttons, e.g. "Add a mask" and "Remove the selected mask". */
  addMask: string;
  removeMask: string;
  /** Accessible name of a mask, e.g. "Mask {n}". */
  mask: string;
  /** Visible help while masking (also each mask's description). */
  maskHelp: string;
  /** Announcements, e.g. "Mask {n} added", "Mask {n} moved"; may use {n} {x} {y} {w} {h} (percent). */
  maskAdded: string;
  maskMoved: string;
  maskResized: string;
  maskRemoved: string;
  /** Caption over the result, e.g. "This exact image will be sent:". */
  result: string;
  /** Alternative text of the result, e.g. "Your ID card with masks and the word COPY". */
  resultAlt: string;
}

/** The safe-copy watermark (DOMAIN.md), already translated and formatted by the page. */
export interface Watermark {
  /** The word for "copy" in the requester's language, e.g. "KOPIE". */
  copy: string;
  /** The recipient, e.g. "IN-Gent". */
  controller: string;
  /** Why, e.g. "privacyverzoek". */
  purpose: string;
  /** The date as the requester reads it, e.g. "14 maart 2026". */
  date: string;
}

export interface RedactorOptions {
  strings: RedactorStrings;
  watermark: Watermark;
  /** The most pixels of the exported JPEG; larger crops are scaled down. Default 2 000 000. */
  maxPixels?: number;
  /** A file input of the page to use instead of the redactor's own buttons. */
  input?: HTMLInputElement;
  /** Called after every finished change: image opened, rotated, cropped, masks changed. */
  onChange?(): void;
}

export interface Redactor {
  /**
   * The redacted copy: crop, rotation, masks and watermark flattened into a new JPEG of at most
   * `maxPixels`. These are the exact bytes the result preview shows. Rejects when no image is open.
   */
  exportJpeg(): Promise<Blob>;
  hasImage(): boolean;
  /** Changes the watermark, e.g. when the recipient changes with the postcode. */
  setWatermark(watermark: Watermark): void;
  /** Removes the elements, revokes the preview's object URL and closes the image in memory. */
  destroy(): void;
}
