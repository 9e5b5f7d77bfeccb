/**
 * The answer documents a requester can download: the request's files with role 'answer' that
 * are not deleted, oldest first. Their place in this list numbers them (answer-<ref>-1.pdf, …),
 * on the status page and in the download alike.
 *
 * @example
 *   const files = await listAnswerFiles(db, request.id);
 *   answerFileName(request.reference, 0, files[0].mime) // 'answer-PR-…-1.pdf'
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { requestFiles } from '../../db/schema.ts';

const EXTENSIONS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'text/plain': 'txt',
  'text/csv': 'csv',
  'application/json': 'json',
  'application/zip': 'zip',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.oasis.opendocument.text': 'odt',
};

export function listAnswerFiles(db: Db, requestId: string) {
  return db
    .select()
    .from(requestFiles)
    .where(and(eq(requestFiles.requestId, requestId), eq(requestFiles.role, 'answer'), isNull(requestFiles.deletedAt)))
    .orderBy(asc(requestFiles.createdAt), asc(requestFiles.id));
}

/** The name a downloaded answer document gets: the reference and its number, never staff input. */
export function answerFileName(reference: string, index: number, mime: string): string {
  return `answer-${reference}-${index + 1}.${EXTENSIONS[mime.split(';')[0]!.trim().toLowerCase()] ?? 'bin'}`;
}
