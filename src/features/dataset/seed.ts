/**
 * The default dataset: loaded by `igualdad seed` (always; idempotent) and at first start
 * (only when it was never loaded, so an organization's own edits are not overwritten).
 */
import type { Db } from '../../db/client.ts';
import { applyDataset, isSeeded, type ImportReport } from './apply.ts';
import { defaultDatasetDir, readDatasetFolder } from './load.ts';

export function seedDefaultDataset(db: Db, dir: string = defaultDatasetDir): Promise<ImportReport> {
  return applyDataset(db, readDatasetFolder(dir), {
    onlyIfUnseeded: false,
  }) as Promise<ImportReport>;
}

/** Returns undefined when the dataset had been seeded before. */
export async function seedIfFirstRun(
  db: Db,
  dir: string = defaultDatasetDir,
): Promise<ImportReport | undefined> {
  // The usual case on every start: already seeded, so skip reading and validating the files.
  if (await isSeeded(db)) return undefined;
  return applyDataset(db, readDatasetFolder(dir), { onlyIfUnseeded: true });
}
