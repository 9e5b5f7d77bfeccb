/**
 * What the workspace writes when a DPO acts, written straight into the database for tests of the
 * requester's side: request_events of the contract's types (api/workspace/requester-events.ts)
 * with the message encrypted as the workspace stores it, and answer files in the real blob store.
 *
 * @example
 *   await addRequesterEvent(db, services.cipher, requestId, 'information_requested', { kind: 'identity', suspends: true }, at, 'Stuur een foto.');
 *   const fileId = await addAnswerFile(db, services.blobs, requestId, pdfBytes, 'application/pdf', at);
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { requestEvents, requestFiles } from '../../db/schema.ts';
import type { BlobStore } from '../../api/blobs/index.ts';
import type { Cipher } from '../../api/mail/types.ts';
import { sealEventMessage, type RequesterEventPayloads, type RequesterEventType } from '../../api/workspace/requester-events.ts';

export async function addRequesterEvent<T extends RequesterEventType>(db: Db, cipher: Cipher, requestId: string, type: T, payload: RequesterEventPayloads[T], at: number, message: string | null = null): Promise<void> {
  await db.insert(requestEvents).values({ requestId, type, at: new Date(at), actor: 'dpo', payload, message: sealEventMessage(cipher, message) });
}

/** Stores bytes encrypted and records them as an answer file of the request; returns the file id. */
export async function addAnswerFile(db: Db, blobs: BlobStore, requestId: string, bytes: Uint8Array, mime: string, at: number): Promise<string> {
  const blob = await blobs.put(bytes);
  const id = randomUUID();
  await db.insert(requestFiles).values({ id, requestId, role: 'answer', blobId: blob.id, sha256: blob.sha256, size: blob.size, mime, createdAt: new Date(at) });
  return id;
}
