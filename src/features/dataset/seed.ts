/**
 * The default dataset: loaded by `igualdad seed` (always; idempotent) and at first start
 * (only when it was never loaded, so an organization's own edits are not overwritten). With it
 * come New Mexico's state and county outlines (features/divisions/default-districts.ts), so a
 * fresh install already answers "which county am I in?".
 */
import type { Db } from '../../db/client.ts';
import { seedDefaultDistricts } from '../divisions/default-districts.ts';
import { applyDataset, isSeeded, type ImportReport } from './apply.ts';
import { defaultDatasetDir, readDatasetFolder } from './load.ts';

export async function seedDefaultDataset(
  db: Db,
  dir: string = defaultDatasetDir,
): Promise<ImportReport> {
  const report = (await applyDataset(db, readDatasetFolder(dir), {
    onlyIfUnseeded: false,
  })) as ImportReport;
  await seedDefaultDistricts(db);
  return report;
}

/** Returns undefined when the dataset had been seeded before. */
export async function seedIfFirstRun(
  db: Db,
  dir: string = defaultDatasetDir,
): Promise<ImportReport | undefined> {
  // The usual case on every start: already seeded, so skip reading and validating the files.
  if (await isSeeded(db)) return undefined;
  const report = await applyDataset(db, readDatasetFolder(dir), { onlyIfUnseeded: true });
  if (report) await seedDefaultDistricts(db);
  return report;
}
