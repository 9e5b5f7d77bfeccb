/**
 * Puts an e-mail in the outbox, inside the caller's transaction, so the mail exists exactly when
 * what it announces does. A `dedupeKey` makes a second enqueue of the same message a no-op.
 *
 * @example
 *   await db.transaction(async (tx) => {
 *     await tx.insert(requests).values(row);
 *     await enqueueMail(tx, { kind: 'confirmation', message }, { cipher, now: Date.now() });
 *   });
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/client.ts';
import { outbox } from '../../db/schema.ts';
import type { Cipher, MailMessage } from './types.ts';

export interface EnqueueInput {
  kind: string;
  message: MailMessage;
  dedupeKey?: string;
}

export async function enqueueMail(
  tx: Queryable,
  input: EnqueueInput,
  deps: { cipher: Cipher; now: number; domain?: string },
): Promise<boolean> {
  const id = randomUUID();
  const inserted = await tx
    .insert(outbox)
    .values({
      id,
      dedupeKey: input.dedupeKey ?? null,
      kind: input.kind,
      message: deps.cipher.encrypt(Buffer.from(JSON.stringify(input.message))),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: new Date(deps.now),
      // A Message-ID fixed at enqueue time: a retry after an unknown outcome is recognisable as
      // the same message by the receiving server and by the tests that count deliveries.
      messageId: `<${id}@${deps.domain ?? 'privacy-portal.invalid'}>`,
      createdAt: new Date(deps.now),
    })
    .onConflictDoNothing()
    .returning({ id: outbox.id });
  // False when the dedupe key was already queued: the message exists once.
  return inserted.length === 1;
}
