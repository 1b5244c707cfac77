/**
 * The spreadsheet exports by name, for the API (`/api/v1/export/<name>.csv`) and the command
 * line (`igualdad export csv|officials-csv|votes-csv`). `lang` names bodies and places.
 */
import type { Locale } from '../../config.ts';
import type { Tx } from '../../db/client.ts';
import { buildPoliciesCsv } from './csv.ts';
import { buildOfficialsCsv } from './csv-officials.ts';
import { buildVotesCsv } from './csv-votes.ts';

export interface CsvTable {
  summary: string;
  build: (db: Tx, options: { lang: Locale }) => Promise<string>;
}

export const CSV_TABLES = {
  policies: {
    summary: 'One row per policy, both languages, as a CSV file for spreadsheets',
    build: buildPoliciesCsv,
  },
  officials: {
    summary:
      'One row per term of an official: body, seat, OCD division, party, dates, office email and phone',
    build: buildOfficialsCsv,
  },
  votes: {
    summary: 'One row per vote on a tracked policy, read as with or against immigrant residents',
    build: buildVotesCsv,
  },
} satisfies Record<string, CsvTable>;

export type CsvTableName = keyof typeof CSV_TABLES;
