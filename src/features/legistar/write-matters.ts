/**
 * Legistar matters to policies, with their identifiers, actions (histories) and sponsorships.
 *
 * A matter is found by its external id, else by its MatterFile among the identifiers of the
 * jurisdiction's policies (R-18-7 finds the default dataset's `abq-r-18-7`), else it becomes a new
 * untracked policy (stance null, decision 016). The importer owns a policy it created for as long
 * as staff leave it alone (stance still null, content hash still ours); a policy staff wrote or
 * track keeps its titles, summaries, stance, status, dates and identifiers. Actions that came
 * from Legistar are remembered by history id and replaced one by one; staff actions are never
 * touched, and a Legistar action on a staff policy is left out when staff already record an
 * action of the same date and body. Legistar's texts are English: Spanish is left empty and marked
 * `missing`, for titles and action descriptions alike, so pages say so instead of passing English
 * off as Spanish.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import * as s from '../../db/schema.ts';
import { normalizeIdentifier, slugify } from '../../lib/slug.ts';
import { tally } from '../divisions/report.ts';
import { schemeOf, type WriteContext } from './context.ts';
import { classifyAction, classifyMatter, statusOf, type VoteOption } from './mapping.ts';
import { summarizeRollCall, type RollCallSummary } from './roll-call.ts';
import type { LegistarBatch } from './fetch.ts';
import type { LegistarMatter, LegistarMatterHistory } from './schema.ts';
import {
  changedMark,
  deleteChunks,
  freeSlug,
  insertChunks,
  isOurs,
  legistarHash,
  loadKnown,
  newId,
} from './store.ts';

/** A roll call ready for the vote-event writer. */
export interface RollCall {
  historyId: number;
  modified: Date;
  policyId: string;
  bodyId: string | null;
  date: string;
  motion: string;
  summary: RollCallSummary;
}

interface PolicyState {
  id: string;
  stance: string | null;
  hash: string | null;
}

type ActionRow = typeof s.policyActions.$inferInsert;

async function loadState(ctx: WriteContext) {
  const { tx, jurisdiction } = ctx;
  const policies = new Map<string, PolicyState>(
    (
      await tx
        .select({ id: s.policies.id, stance: s.policies.stance, hash: s.policies.contentHash })
        .from(s.policies)
        .where(eq(s.policies.jurisdictionId, jurisdiction.id))
    ).map((p) => [p.id, p]),
  );
  const byIdentifier = new Map<string, string>();
  const identifiers = await tx
    .select({ policyId: s.policyIdentifiers.policyId, normalized: s.policyIdentifiers.normalized })
    .from(s.policyIdentifiers)
    .innerJoin(s.policies, eq(s.policies.id, s.policyIdentifiers.policyId))
    .where(eq(s.policies.jurisdictionId, jurisdiction.id));
  for (const i of identifiers)
    if (!byIdentifier.has(i.normalized)) byIdentifier.set(i.normalized, i.policyId);
  const ourActions = new Map(
    (
      await tx
        .select({ history: s.externalIds.value, action: s.policyActions })
        .from(s.externalIds)
        .innerJoin(s.policyActions, eq(s.policyActions.id, s.externalIds.entityId))
        .where(eq(s.externalIds.scheme, schemeOf(ctx, 'history')))
    ).map((r) => [r.history, r.action]),
  );
  const sponsorships = new Map<string, Map<string, { primary: boolean; position: number }>>();
  const rows = await tx
    .select({
      policyId: s.sponsorships.policyId,
      personId: s.sponsorships.personId,
      primary: s.sponsorships.primary,
      position: s.sponsorships.position,
    })
    .from(s.sponsorships)
    .innerJoin(s.policies, eq(s.policies.id, s.sponsorships.policyId))
    .where(eq(s.policies.jurisdictionId, jurisdiction.id));
  for (const r of rows) {
    const set = sponsorships.get(r.policyId) ?? new Map();
    set.set(r.personId, r);
    sponsorships.set(r.policyId, set);
  }
  const taken = new Set(
    (await tx.select({ slug: s.policies.slug }).from(s.policies)).map((p) => p.slug),
  );
  return { policies, byIdentifier, ourActions, sponsorships, taken };
}

function policyValues(ctx: WriteContext, m: LegistarMatter) {
  const classification = classifyMatter(m.MatterTypeName)!;
  const title = m.MatterTitle ?? m.MatterName ?? m.MatterFile ?? `Matter ${m.MatterId}`;
  const status = statusOf(m.MatterStatusName, classification, m.MatterPassedDate);
  return {
    classification,
    status,
    stance: null,
    jurisdictionId: ctx.jurisdiction.id,
    bodyId: (m.MatterBodyId && ctx.bodyIds.get(m.MatterBodyId)) || null,
    titleEs: '',
    titleEsState: 'missing' as const,
    titleEn: title.length > 500 ? `${title.slice(0, 497)}…` : title,
    titleEnState: 'original' as const,
    officialTitle: m.MatterTitle,
    introducedOn: m.MatterIntroDate ?? null,
    adoptedOn:
      status === 'in_force' || status === 'enacted_non_binding'
        ? (m.MatterPassedDate ?? null)
        : null,
  };
}

function identifierRows(policyId: string, m: LegistarMatter) {
  const rows: (typeof s.policyIdentifiers.$inferInsert)[] = [];
  const add = (scheme: 'bill_number' | 'enactment_number', value: string | null) => {
    const normalized = value ? normalizeIdentifier(value) : '';
    if (value && normalized && !rows.some((r) => r.normalized === normalized))
      rows.push({
        policyId,
        scheme,
        value,
        normalized,
        primary: rows.length === 0,
        position: rows.length,
      });
  };
  add('bill_number', m.MatterFile);
  add('enactment_number', m.MatterEnactmentNumber);
  return rows;
}

function describe(h: LegistarMatterHistory) {
  const name = h.MatterHistoryActionName ?? 'Action';
  const text = h.MatterHistoryActionText;
  return text && text.toLowerCase() !== name.toLowerCase() ? `${name}: ${text}` : name;
}

/** The fields compared to tell an unchanged action from a changed one. */
const actionKey = (a: ActionRow) =>
  JSON.stringify([
    a.policyId,
    a.date,
    a.bodyId ?? null,
    a.classification,
    a.descriptionEn,
    a.descriptionEs,
    a.descriptionEnState ?? 'original',
    a.descriptionEsState ?? 'original',
    a.votesYes ?? null,
    a.votesNo ?? null,
    a.votesAbstain ?? null,
    a.votesAbsent ?? null,
    a.position ?? 0,
  ]);

export async function writeMatters(
  ctx: WriteContext,
  batch: LegistarBatch,
  optionOf: (value: string) => VoteOption,
): Promise<RollCall[]> {
  const { tx, report } = ctx;
  if (!batch.matters.length) return [];
  const matterScheme = schemeOf(ctx, 'matter');
  const historyScheme = schemeOf(ctx, 'history');
  const known = await loadKnown(tx, matterScheme, s.policies);
  const state = await loadState(ctx);
  const newPolicies: (typeof s.policies.$inferInsert)[] = [];
  const newIdentifiers: (typeof s.policyIdentifiers.$inferInsert)[] = [];
  const staleIdentifiersOf: string[] = [];
  const newActions: ActionRow[] = [];
  const staleActions: string[] = [];
  const newSponsorships: (typeof s.sponsorships.$inferInsert)[] = [];
  const staleSponsorshipsOf: string[] = [];
  const staffPolicies: string[] = [];
  const rollCalls: RollCall[] = [];
  const plans: { matter: LegistarMatter; policyId: string; owned: boolean }[] = [];

  for (const matter of batch.matters) {
    const where = `matter ${matter.MatterId}${matter.MatterFile ? ` (${matter.MatterFile})` : ''}`;
    if (!classifyMatter(matter.MatterTypeName)) {
      report.skipped.push({
        record: where,
        reason: `matter type "${matter.MatterTypeName ?? '(none)'}" is not legislation the library holds`,
      });
      continue;
    }
    const k = known.get(String(matter.MatterId));
    const file = matter.MatterFile ? normalizeIdentifier(matter.MatterFile) : '';
    const policyId = k?.id ?? (file ? state.byIdentifier.get(file) : undefined);
    const current = policyId ? state.policies.get(policyId) : undefined;
    const values = policyValues(ctx, matter);
    const identifiers = (id: string) => identifierRows(id, matter);
    const contentHash = legistarHash({ values, identifiers: identifiers('') });
    let id: string;
    let owned: boolean;
    if (!policyId || !current) {
      id = newId();
      owned = true;
      const base = `${ctx.jurisdiction.slug}-${slugify(matter.MatterFile ?? '') || `matter-${matter.MatterId}`}`;
      newPolicies.push({ id, slug: freeSlug(state.taken, base, 'matter'), ...values, contentHash });
      newIdentifiers.push(...identifiers(id));
      tally(report, 'policies', 'created');
    } else {
      id = policyId;
      owned = current.stance === null && isOurs(current.hash);
      if (!owned || current.hash === contentHash) tally(report, 'policies', 'unchanged');
      else {
        await tx
          .update(s.policies)
          .set({
            ...values,
            contentHash,
            version: sql`${s.policies.version} + 1`,
            updatedAt: sql`now()`,
          })
          .where(eq(s.policies.id, id));
        staleIdentifiersOf.push(id);
        newIdentifiers.push(...identifiers(id));
        tally(report, 'policies', 'updated');
      }
      if (!owned) staffPolicies.push(id);
    }
    plans.push({ matter, policyId: id, owned });
    if (changedMark(k, matter.MatterLastModifiedUtc) || k?.id !== id)
      ctx.external.push({
        scheme: matterScheme,
        value: String(matter.MatterId),
        entity: 'policies',
        entityId: id,
        sourceModifiedAt: matter.MatterLastModifiedUtc,
      });
  }

  const staffActions = await staffActionKeys(
    ctx,
    staffPolicies,
    new Set([...state.ourActions.values()].map((a) => a.id)),
  );
  const ourActionsByPolicy = new Map<string, string[]>();
  for (const [history, action] of state.ourActions) {
    const list = ourActionsByPolicy.get(action.policyId) ?? [];
    list.push(history);
    ourActionsByPolicy.set(action.policyId, list);
  }

  for (const { matter, policyId, owned } of plans) {
    const histories = [...(batch.histories.get(matter.MatterId) ?? [])].sort(
      (a, b) =>
        (a.MatterHistoryActionDate ?? '').localeCompare(b.MatterHistoryActionDate ?? '') ||
        a.MatterHistoryId - b.MatterHistoryId,
    );
    const present = new Set<string>();
    histories.forEach((h, position) => {
      const key = String(h.MatterHistoryId);
      present.add(key);
      if (!h.MatterHistoryActionDate) {
        report.skipped.push({
          record: `history ${key} of matter ${matter.MatterId}`,
          reason: 'no action date',
        });
        return;
      }
      const bodyId =
        (h.MatterHistoryActionBodyId && ctx.bodyIds.get(h.MatterHistoryActionBodyId)) || null;
      const summary =
        h.MatterHistoryRollCallFlag === 1
          ? summarizeRollCall(h, batch.votes.get(h.MatterHistoryId) ?? [], optionOf)
          : undefined;
      if (summary && (summary.votes.length || h.MatterHistoryTally))
        rollCalls.push({
          historyId: h.MatterHistoryId,
          modified: h.MatterHistoryLastModifiedUtc,
          policyId,
          bodyId,
          date: h.MatterHistoryActionDate,
          motion: h.MatterHistoryActionText ?? h.MatterHistoryActionName ?? 'Roll call',
          summary,
        });
      else if (summary)
        report.skipped.push({
          record: `roll call ${key} of matter ${matter.MatterId}`,
          reason: 'no votes and no tally recorded',
        });
      if (!owned && staffActions.has(`${policyId}|${h.MatterHistoryActionDate}|${bodyId}`)) {
        report.skipped.push({
          record: `history ${key} of matter ${matter.MatterId}`,
          reason: 'the library already records an action of this date and body for this policy',
        });
        const earlier = state.ourActions.get(key);
        if (earlier) staleActions.push(earlier.id);
        return;
      }
      const description = describe(h);
      const row: ActionRow = {
        policyId,
        date: h.MatterHistoryActionDate,
        bodyId,
        classification: [classifyAction(h.MatterHistoryActionName, h.MatterHistoryPassedFlag)],
        // Legistar writes English only: Spanish stays empty and marked missing, as titles are.
        descriptionEn: description,
        descriptionEnState: 'original',
        descriptionEs: '',
        descriptionEsState: 'missing',
        votesYes: summary?.totals.yes ?? null,
        votesNo: summary?.totals.no ?? null,
        votesAbstain: summary?.totals.abstain ?? null,
        votesAbsent: summary?.totals.absent ?? null,
        position,
      };
      const existing = state.ourActions.get(key);
      if (existing && actionKey(existing) === actionKey(row)) {
        tally(report, 'actions', 'unchanged');
        return;
      }
      if (existing) staleActions.push(existing.id);
      const id = newId();
      newActions.push({ id, ...row });
      ctx.external.push({
        scheme: historyScheme,
        value: key,
        entity: 'policy_actions',
        entityId: id,
        sourceModifiedAt: h.MatterHistoryLastModifiedUtc,
      });
      tally(report, 'actions', existing ? 'updated' : 'created');
    });
    // Histories Legistar no longer lists for a matter it returned: their actions go too.
    for (const history of ourActionsByPolicy.get(policyId) ?? [])
      if (!present.has(history) && batch.histories.has(matter.MatterId))
        staleActions.push(state.ourActions.get(history)!.id);

    planSponsorships(ctx, batch, matter, policyId, owned, state.sponsorships.get(policyId), {
      newSponsorships,
      staleSponsorshipsOf,
    });
  }

  await insertChunks(tx, s.policies, newPolicies);
  for (let i = 0; i < staleIdentifiersOf.length; i += 5000)
    await tx
      .delete(s.policyIdentifiers)
      .where(inArray(s.policyIdentifiers.policyId, staleIdentifiersOf.slice(i, i + 5000)));
  await insertChunks(tx, s.policyIdentifiers, newIdentifiers);
  await deleteChunks(tx, s.policyActions, staleActions);
  await insertChunks(tx, s.policyActions, newActions);
  for (let i = 0; i < staleSponsorshipsOf.length; i += 5000)
    await tx
      .delete(s.sponsorships)
      .where(inArray(s.sponsorships.policyId, staleSponsorshipsOf.slice(i, i + 5000)));
  await insertChunks(tx, s.sponsorships, newSponsorships, {
    onConflict: sql`on conflict do nothing`,
  });
  return rollCalls;
}

/** `policy|date|body` of the actions staff (not Legistar) recorded on the policies staff own. */
async function staffActionKeys(ctx: WriteContext, policyIds: string[], ours: Set<string>) {
  const keys = new Set<string>();
  for (let i = 0; i < policyIds.length; i += 5000) {
    const rows = await ctx.tx
      .select({
        id: s.policyActions.id,
        policyId: s.policyActions.policyId,
        date: s.policyActions.date,
        bodyId: s.policyActions.bodyId,
      })
      .from(s.policyActions)
      .where(inArray(s.policyActions.policyId, policyIds.slice(i, i + 5000)));
    for (const r of rows) if (!ours.has(r.id)) keys.add(`${r.policyId}|${r.date}|${r.bodyId}`);
  }
  return keys;
}

function planSponsorships(
  ctx: WriteContext,
  batch: LegistarBatch,
  matter: LegistarMatter,
  policyId: string,
  owned: boolean,
  existing: Map<string, { primary: boolean; position: number }> | undefined,
  out: { newSponsorships: (typeof s.sponsorships.$inferInsert)[]; staleSponsorshipsOf: string[] },
) {
  const sponsors = batch.sponsors.get(matter.MatterId);
  if (!sponsors) return;
  const desired = new Map<string, { primary: boolean; position: number }>();
  const ordered = [...sponsors].sort(
    (a, b) =>
      (a.MatterSponsorSequence ?? 0) - (b.MatterSponsorSequence ?? 0) ||
      a.MatterSponsorId - b.MatterSponsorId,
  );
  for (const sponsor of ordered) {
    const personId = sponsor.MatterSponsorNameId
      ? ctx.personIds.get(sponsor.MatterSponsorNameId)
      : undefined;
    if (!personId) {
      ctx.report.skipped.push({
        record: `sponsor ${sponsor.MatterSponsorId} of matter ${matter.MatterId}`,
        reason: `"${sponsor.MatterSponsorName ?? '?'}" is not one of the client's persons`,
      });
      continue;
    }
    if (!desired.has(personId))
      desired.set(personId, { primary: desired.size === 0, position: desired.size });
  }
  const same = (
    a?: { primary: boolean; position: number },
    b?: { primary: boolean; position: number },
  ) => !!a && !!b && a.primary === b.primary && a.position === b.position;
  if (owned) {
    const unchanged =
      existing?.size === desired.size &&
      [...desired].every(([person, d]) => same(d, existing.get(person)));
    if (unchanged) {
      for (let i = 0; i < desired.size; i += 1) tally(ctx.report, 'sponsorships', 'unchanged');
      return;
    }
    if (existing?.size) out.staleSponsorshipsOf.push(policyId);
    for (const [personId, d] of desired) {
      out.newSponsorships.push({ policyId, personId, ...d });
      tally(ctx.report, 'sponsorships', existing?.has(personId) ? 'updated' : 'created');
    }
    return;
  }
  // A staff policy keeps its sponsorships; Legistar only adds the missing ones.
  for (const [personId, d] of desired) {
    if (existing?.has(personId)) tally(ctx.report, 'sponsorships', 'unchanged');
    else {
      out.newSponsorships.push({
        policyId,
        personId,
        ...d,
        primary: false,
        position: 100 + d.position,
      });
      tally(ctx.report, 'sponsorships', 'created');
    }
  }
}
