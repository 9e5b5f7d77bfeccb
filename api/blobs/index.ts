/** The encrypted file store: ID copies, signatures, receipts, answers. */
export { BLOB_ID_PATTERN } from './blob-id.ts';
export { createBlobStore, type BlobStore, type BlobStoreOptions } from './create-blob-store.ts';
export { BlobIntegrityError, BlobNotFoundError, BlobStoreError, BlobStoreUnavailableError, InvalidBlobIdError } from './errors.ts';
export type { StoredBlob, SweepResult } from './types.ts';
