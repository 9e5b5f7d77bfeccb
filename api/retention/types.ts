import type { Db } from '../../db/client.ts';
import type { BlobStore } from '../blobs/index.ts';
import type { RetentionSettings } from './retention-settings.ts';

/** What every retention rule needs; the clock is a value, read once per run. */
export interface RetentionDeps {
  db: Db;
  blobs: Pick<BlobStore, 'delete'>;
  now: number;
  /** The periods of a controller; `retentionFor` (content/facts) unless a test says otherwise. */
  settingsFor?: (controllerId: string) => RetentionSettings;
}
