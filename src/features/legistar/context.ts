/** What every Legistar writer needs: the transaction, the client's schemes and the report. */
import type { Tx } from '../../db/client.ts';
import type { CivicImportReport } from '../divisions/report.ts';
import type { ExternalRow } from './store.ts';

export interface Jurisdiction {
  id: string;
  slug: string;
  ocdId: string;
  nameEn: string;
}

export const LEGISTAR_ENTITIES = [
  'bodies',
  'people',
  'posts',
  'memberships',
  'policies',
  'actions',
  'vote_events',
  'sponsorships',
  'events',
] as const;

export interface WriteContext {
  tx: Tx;
  client: string;
  baseUrl: string;
  jurisdiction: Jurisdiction;
  timeZone: string;
  report: CivicImportReport;
  /** Legistar BodyId → bodies.id (fetched now or imported before). */
  bodyIds: Map<number, string>;
  /** Legistar PersonId → people.id (fetched now or imported before). */
  personIds: Map<number, string>;
  /** External ids to write at the end, in one batch. */
  external: ExternalRow[];
}

export const schemeOf = (ctx: Pick<WriteContext, 'client'>, entity: string) =>
  `legistar:${ctx.client}:${entity}`;
