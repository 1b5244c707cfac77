/**
 * Factories with overrides: each creates the parents it needs through the real import path.
 */
import type { Db } from '../src/db/client.ts';
import { applyDataset } from '../src/features/dataset/apply.ts';
import { parseDatasetText } from '../src/features/dataset/load.ts';
import type { DatasetFile } from '../src/features/dataset/schema.ts';

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export const STATE = 'ocd-division/country:us/state:zz';

export function jurisdictionInput(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    ocd_id: `${STATE}/place:city_${n}`,
    slug: `city-${n}`,
    name: { es: `Ciudad ${n}`, en: `City ${n}` },
    kind: 'city',
    parent: STATE,
    ...overrides,
  };
}

export function policyInput(overrides: Record<string, unknown> = {}) {
  const n = next();
  return {
    slug: `policy-${n}`,
    classification: 'ordinance',
    status: 'in_force',
    stance: 'protects',
    jurisdiction: STATE,
    title: { es: `Ordenanza de prueba ${n}`, en: `Test ordinance ${n}`, verification: 'verified' },
    summary: { es: 'Un resumen en español.', en: 'A summary in English.' },
    identifiers: [
      { scheme: 'bill_number', value: `O-${n}`, primary: true, verification: 'verified' },
    ],
    dates: { adopted: { date: '2020-05-01', verification: 'verified' } },
    ...overrides,
  };
}

/** Writes whatever the test needs, plus the test state jurisdiction, in one import. */
export async function build(db: Db, data: Partial<Record<keyof DatasetFile, unknown[]>>) {
  const file = {
    jurisdictions: [
      {
        ocd_id: STATE,
        slug: 'test-state',
        name: { es: 'Estado de prueba', en: 'Test State' },
        kind: 'state',
      },
      ...(data.jurisdictions ?? []),
    ],
    ...data,
  };
  const loaded = parseDatasetText('factory.json', JSON.stringify(file));
  return applyDataset(db, [loaded]);
}
