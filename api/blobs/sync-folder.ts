import { open } from 'node:fs/promises';

/**
 * Flushes a directory's entries to disk. A rename or unlink is only durable once its directory
 * is synced; without it a power cut can bring back a deleted ID copy or lose a new one.
 *
 * @example
 *   await rename(temp, final);
 *   await syncFolder(dirname(final));
 */
export async function syncFolder(folder: string): Promise<void> {
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
