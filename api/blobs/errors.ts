/**
 * What can go wrong in the blob store, as types the API can map to answers:
 * unavailable -> 503 (try again later), not found / integrity -> 500 and an alarm in the log,
 * invalid id -> a bug or an attack, never a file system access.
 */
export class BlobStoreError extends Error {
  override name = 'BlobStoreError';
}

/** The directory cannot be written or read (permissions, full disk, read-only mount, missing volume). */
export class BlobStoreUnavailableError extends BlobStoreError {
  override name = 'BlobStoreUnavailableError';
  readonly code = 'blob_store_unavailable';
}

/** The id does not have the shape of an id this store generates; the file system was not touched. */
export class InvalidBlobIdError extends BlobStoreError {
  override name = 'InvalidBlobIdError';
  readonly code = 'invalid_blob_id';
}

export class BlobNotFoundError extends BlobStoreError {
  override name = 'BlobNotFoundError';
  readonly code = 'blob_not_found';
}

/**
 * The file exists but is not what was stored: the envelope failed authentication, names a key
 * that is not configured, or decrypts to content with another SHA-256 than the database records.
 */
export class BlobIntegrityError extends BlobStoreError {
  override name = 'BlobIntegrityError';
  readonly code = 'blob_integrity';
  constructor(
    readonly reason: 'sha256_mismatch' | 'malformed' | 'unsupported_version' | 'unknown_key' | 'tampered',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
