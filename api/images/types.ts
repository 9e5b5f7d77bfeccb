/** The formats an ID copy may arrive in: what browsers export from a canvas and phones save. */
export type ImageType = 'jpeg' | 'png' | 'webp';

/**
 * Why an upload is refused; the site turns each code into an instruction in the requester's
 * language. Checked in this order, so the cheapest and safest checks run first.
 */
export type ImageRefusalCode = 'too_large' | 'unsupported_type' | 'too_many_pixels' | 'truncated_or_corrupt' | 'trailing_data';

export interface ImageRefusal {
  code: ImageRefusalCode;
  /** For the log, never for the requester: the detected kind, the pixel count, the decoder message. */
  detail: string;
}
