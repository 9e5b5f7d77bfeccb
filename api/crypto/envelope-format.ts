/**
 * The binary envelope, version 1. All fields are fixed-size except the ciphertext:
 *
 *   offset  size  field
 *        0     1  version: 0x01
 *        1     4  key id of the master key (the 8 hex characters as 4 bytes)
 *        5    12  IV for wrapping the data key
 *       17    32  data key, encrypted with the master key (AES-256-GCM)
 *       49    16  GCM tag of the wrapped data key
 *       65    12  IV for the content
 *       77     n  content, encrypted with the data key (AES-256-GCM)
 *     77+n    16  GCM tag of the content
 *
 * Associated data: the wrapped key authenticates bytes 0-4 (version and key id); the content
 * authenticates the whole 77-byte header, so no header field can be swapped or edited without
 * the tag failing. Every item has its own random data key, so the master key only ever encrypts
 * 32 random bytes, and rotating it means re-wrapping 48 bytes per item, not re-encrypting files.
 */
export const ENVELOPE_VERSION = 1;
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export const OFFSET = {
  version: 0,
  keyId: 1,
  wrapIv: 5,
  wrappedKey: 17,
  wrapTag: 49,
  dataIv: 65,
  ciphertext: 77,
} as const;

export const HEADER_BYTES = OFFSET.ciphertext;
/** The smallest envelope: a header and the tag of empty content. */
export const MIN_ENVELOPE_BYTES = HEADER_BYTES + TAG_BYTES;
