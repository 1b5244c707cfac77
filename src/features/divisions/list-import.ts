/**
 * `igualdad import ocd-divisions FILE.csv`: a list in the format of the OCD division identifiers
 * repository (`id,name,sameAs,validFrom,validThrough`, and mapping files with `id` plus other
 * codes such as `census_geoid` or `openstates_district`). The whole file is checked first; one
 * bad row rejects it. Rows are matched by id: a re-import of the same file changes nothing, and a
 * list without names never erases a name another list gave.
 */
import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../../db/client.ts';
import { bumpDataVersion } from '../../db/data-version.ts';
import { divisions } from '../../db/schema.ts';
import { isOcdDivisionId } from '../../lib/ocd.ts';
import { isPartialDate } from '../../lib/partial-date.ts';
import { emptyReport, InputRejected, tally, type InputProblem } from './report.ts';

/** The columns with a meaning of their own; any other column is kept as an identifier. */
const KNOWN_COLUMNS = ['id', 'name', 'sameAs', 'validFrom', 'validThrough'] as const;
const MAX_ROWS = 200_000;

const optionalText = z
  .string()
  .trim()
  .max(500)
  .transform((v) => v || null);
const optionalDate = optionalText.refine((v) => v === null || isPartialDate(v), {
  message: 'must be a date such as 2023, 2023-01 or 2023-01-01',
});

const rowSchema = z.object({
  id: z.string().trim().refine(isOcdDivisionId, {
    message: 'is not an OCD division id (ocd-division/country:us/...)',
  }),
  name: optionalText,
  sameAs: optionalText.refine((v) => v === null || isOcdDivisionId(v), {
    message: 'sameAs is not an OCD division id',
  }),
  validFrom: optionalDate,
  validThrough: optionalDate,
});

export interface DivisionRow {
  ocdId: string;
  name: string | null;
  parentOcdId: string | null;
  sameAs: string | null;
  validFrom: string | null;
  validThrough: string | null;
  identifiers: Record<string, string>;
}

export function parentOf(ocdId: string): string | null {
  const cut = ocdId.lastIndexOf('/');
  return cut > 'ocd-division'.length ? ocdId.slice(0, cut) : null;
}

/** Parses and checks the whole file; throws InputRejected listing every problem. */
export function parseDivisionList(file: string, content: string): DivisionRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(content, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
      trim: true,
    }) as Record<string, string>[];
  } catch (error) {
    throw new InputRejected(file, [
      { record: '(file)', reason: `is not CSV: ${(error as Error).message}` },
    ]);
  }
  const header = records.length ? Object.keys(records[0]!) : [];
  if (!header.includes('id'))
    throw new InputRejected(file, [
      { record: '(header)', reason: 'needs an "id" column (an OCD division identifiers list)' },
    ]);
  if (records.length > MAX_ROWS)
    throw new InputRejected(file, [
      { record: '(file)', reason: `has ${records.length} rows; at most ${MAX_ROWS} per file` },
    ]);

  const problems: InputProblem[] = [];
  const seen = new Set<string>();
  const rows: DivisionRow[] = [];
  records.forEach((record, index) => {
    const label = `row ${index + 2}`;
    const parsed = rowSchema.safeParse({
      id: record.id ?? '',
      name: record.name ?? '',
      sameAs: record.sameAs ?? '',
      validFrom: record.validFrom ?? '',
      validThrough: record.validThrough ?? '',
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        problems.push({ record: label, reason: `${String(issue.path[0])} ${issue.message}` });
      return;
    }
    const { id, name, sameAs, validFrom, validThrough } = parsed.data;
    if (seen.has(id)) {
      problems.push({ record: label, reason: `${id} appears twice in the file` });
      return;
    }
    seen.add(id);
    const identifiers: Record<string, string> = {};
    for (const [column, value] of Object.entries(record)) {
      if ((KNOWN_COLUMNS as readonly string[]).includes(column) || !value) continue;
      if (!/^[A-Za-z][\w-]{0,63}$/.test(column) || value.length > 500) {
        problems.push({ record: label, reason: `column "${column}" is not usable as a code` });
        continue;
      }
      identifiers[column] = value;
    }
    rows.push({
      ocdId: id,
      name,
      parentOcdId: parentOf(id),
      sameAs,
      validFrom,
      validThrough,
      identifiers,
    });
  });
  if (problems.length) throw new InputRejected(file, problems);
  return rows;
}

type Existing = typeof divisions.$inferSelect;

/** The row as stored after merging: what this list says, and what it leaves to other lists. */
function merge(row: DivisionRow, existing: Existing | undefined) {
  return {
    ocdId: row.ocdId,
    name: row.name ?? existing?.name ?? null,
    parentOcdId: row.parentOcdId,
    sameAs: row.sameAs ?? existing?.sameAs ?? null,
    validFrom: row.validFrom ?? existing?.validFrom ?? null,
    validThrough: row.validThrough ?? existing?.validThrough ?? null,
    identifiers: { ...(existing?.identifiers ?? {}), ...row.identifiers },
  };
}

/** Keys sorted: the database gives jsonb keys back in its own order. */
const hashOf = (value: ReturnType<typeof merge>) =>
  createHash('sha256')
    .update(
      JSON.stringify({
        ...value,
        identifiers: Object.fromEntries(
          Object.entries(value.identifiers).sort(([a], [b]) => a.localeCompare(b)),
        ),
      }),
    )
    .digest('hex');

const LOCK = 727_015;
const CHUNK = 1000;

/** Writes the rows in one transaction (serialized across app servers by an advisory lock). */
export async function applyDivisionList(db: Db, rows: DivisionRow[]) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCK})`);
    const report = emptyReport(['divisions']);
    for (let i = 0; i < rows.length; i += CHUNK) {
      await applyChunk(tx, rows.slice(i, i + CHUNK), report);
    }
    if (report.created.divisions || report.updated.divisions) await bumpDataVersion(tx);
    return report;
  });
}

async function applyChunk(tx: Tx, rows: DivisionRow[], report: ReturnType<typeof emptyReport>) {
  const ids = rows.map((r) => r.ocdId);
  const existing = new Map(
    (await tx.select().from(divisions).where(inArray(divisions.ocdId, ids))).map((d) => [
      d.ocdId,
      d,
    ]),
  );
  const writes = [];
  for (const row of rows) {
    const before = existing.get(row.ocdId);
    const merged = merge(row, before);
    const contentHash = hashOf(merged);
    if (before?.contentHash === contentHash) {
      tally(report, 'divisions', 'unchanged');
      continue;
    }
    tally(report, 'divisions', before ? 'updated' : 'created');
    writes.push({ ...merged, contentHash });
  }
  if (!writes.length) return;
  await tx
    .insert(divisions)
    .values(writes)
    .onConflictDoUpdate({
      target: divisions.ocdId,
      set: {
        name: sql`excluded.name`,
        parentOcdId: sql`excluded.parent_ocd_id`,
        sameAs: sql`excluded.same_as`,
        validFrom: sql`excluded.valid_from`,
        validThrough: sql`excluded.valid_through`,
        identifiers: sql`excluded.identifiers`,
        contentHash: sql`excluded.content_hash`,
        updatedAt: sql`now()`,
      },
    });
}
