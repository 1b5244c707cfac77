/**
 * A roll-call history row with its votes: the result (the passed flag, else more yes than no),
 * the counts as recorded (the tally "6:3" for yes and no when given, the individual votes for the
 * rest), and each vote's OCD option through the client's vote value mapping.
 */
import { parseTally, type VoteOption } from './mapping.ts';
import type { LegistarMatterHistory, LegistarVote } from './schema.ts';

export interface RollCallSummary {
  result: 'pass' | 'fail';
  counts: { option: string; value: number }[];
  votes: { voterName: string; personId: number | null; option: VoteOption }[];
  /** For the action row: yes, no, abstain, absent (absent and excused together). */
  totals: { yes: number | null; no: number | null; abstain: number | null; absent: number | null };
}

const ORDER: VoteOption[] = ['yes', 'no', 'abstain', 'absent', 'excused', 'not_voting', 'paired'];

export function summarizeRollCall(
  history: LegistarMatterHistory,
  votes: LegistarVote[],
  optionOf: (value: string) => VoteOption,
): RollCallSummary {
  const seen = new Set<string>();
  const mapped = [...votes]
    .sort((a, b) => (a.VoteSort ?? 0) - (b.VoteSort ?? 0) || a.VoteId - b.VoteId)
    .filter((v) => !seen.has(v.VotePersonName) && seen.add(v.VotePersonName))
    .map((v) => ({
      voterName: v.VotePersonName,
      personId: v.VotePersonId ?? null,
      option: optionOf(v.VoteValueName),
    }));
  const byOption = new Map<string, number>();
  for (const v of mapped) byOption.set(v.option, (byOption.get(v.option) ?? 0) + 1);
  const tally = parseTally(history.MatterHistoryTally);
  if (tally) {
    byOption.set('yes', tally.yes);
    byOption.set('no', tally.no);
  }
  const count = (option: string) => byOption.get(option) ?? 0;
  const passed = history.MatterHistoryPassedFlag;
  const result = passed === 1 || (passed !== 0 && count('yes') > count('no')) ? 'pass' : 'fail';
  const known = (n: number) => (mapped.length || tally ? n : null);
  return {
    result,
    counts: ORDER.filter((o) => byOption.has(o)).map((option) => ({
      option,
      value: count(option),
    })),
    votes: mapped,
    totals: {
      yes: known(count('yes')),
      no: known(count('no')),
      abstain: mapped.length ? count('abstain') : null,
      absent: mapped.length ? count('absent') + count('excused') : null,
    },
  };
}
