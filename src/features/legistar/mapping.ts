/**
 * How Legistar's words become the library's vocabularies: matter types to policy classifications,
 * matter statuses to policy statuses, history actions to OCD action classifications, vote values
 * to OCD options, body types to body classifications. Decision 017 explains each rule.
 */
import type {
  ActionClassification,
  BodyClassification,
  PolicyClassification,
  PolicyStatus,
} from '../../db/enums.ts';
import type { voteOptions } from '../../db/enums.ts';

export type VoteOption = (typeof voteOptions)[number];

/** Matter types that are legislation, by lower-cased MatterTypeName. Others are skipped. */
const MATTER_TYPES: Record<string, PolicyClassification> = {
  ordinance: 'ordinance',
  'city ordinance': 'ordinance',
  'county ordinance': 'ordinance',
  'emergency ordinance': 'ordinance',
  resolution: 'resolution',
  'city resolution': 'resolution',
  'county resolution': 'resolution',
  'joint resolution': 'joint_resolution',
  'concurrent resolution': 'concurrent_resolution',
  memorial: 'memorial',
  'joint memorial': 'joint_memorial',
  proclamation: 'proclamation',
  bill: 'bill',
  'executive order': 'executive_order',
  'charter amendment': 'constitutional_amendment',
  'ballot measure': 'ballot_initiative',
};

export function classifyMatter(typeName: string | null): PolicyClassification | undefined {
  return typeName ? MATTER_TYPES[typeName.toLowerCase()] : undefined;
}

/** Classifications whose adoption binds (in force); the others are statements (non-binding). */
const BINDING = new Set<PolicyClassification>([
  'ordinance',
  'resolution',
  'joint_resolution',
  'concurrent_resolution',
  'bill',
  'statute',
  'executive_order',
  'constitutional_amendment',
  'ballot_initiative',
]);

const PASSED = /\b(passed|adopted|approved|enacted|signed|effective|in force)\b/i;
const FAILED = /\b(failed|denied|rejected|defeated|withdrawn|died|expired|tabled indefinitely)\b/i;

/** Pending unless the status says passed (or the matter has a passed date), failed or vetoed. */
export function statusOf(
  statusName: string | null,
  classification: PolicyClassification,
  passedDate: string | null | undefined,
): PolicyStatus {
  const name = statusName ?? '';
  if (/veto/i.test(name) && !/overrid/i.test(name)) return 'vetoed';
  if (/repeal/i.test(name)) return 'repealed';
  if (FAILED.test(name)) return 'failed';
  if (PASSED.test(name) || /overrid/i.test(name) || (!name && passedDate)) {
    return BINDING.has(classification) ? 'in_force' : 'enacted_non_binding';
  }
  return 'pending';
}

/** History action names, first match wins (lower-cased, checked in order). */
const ACTIONS: [RegExp, ActionClassification][] = [
  [/overrid/, 'veto-override-passage'],
  [/veto/, 'executive-veto'],
  [/\bsign(ed|ature)?\b/, 'executive-signature'],
  [/withdraw/, 'withdrawal'],
  [/repeal/, 'repeal'],
  [/introduc|sponsor/, 'introduction'],
  [/refer|assigned/, 'referral-committee'],
  [/first reading|read once/, 'reading-1'],
  [/second reading|read twice/, 'reading-2'],
  [/third reading/, 'reading-3'],
  [/^amend/, 'amendment-passage'],
  [/recommend|do pass|forward/, 'committee-passage'],
  [/pass|adopt|approv|enact|accepted/, 'passage'],
  [/fail|denied|reject|defeat/, 'failure'],
  [/fil(ed|ing)|received/, 'filing'],
  [/mayor|executive/, 'executive-receipt'],
];

/** The OCD classification of a history row; a passage that did not pass is a failure. */
export function classifyAction(name: string | null, passedFlag: number | null | undefined) {
  const lower = (name ?? '').toLowerCase();
  let found = ACTIONS.find(([pattern]) => pattern.test(lower))?.[1] ?? 'other';
  if (passedFlag === 0) {
    const failures: Partial<Record<ActionClassification, ActionClassification>> = {
      passage: 'failure',
      'committee-passage': 'committee-failure',
      'amendment-passage': 'amendment-failure',
      'veto-override-passage': 'veto-override-failure',
    };
    found = failures[found] ?? found;
  }
  return found;
}

/** The defaults for every client (source `legistar`); rows in vote_option_mappings override them. */
export const DEFAULT_VOTE_OPTIONS: Record<string, VoteOption> = {
  aye: 'yes',
  yes: 'yes',
  yea: 'yes',
  affirmative: 'yes',
  'in favor': 'yes',
  nay: 'no',
  no: 'no',
  negative: 'no',
  opposed: 'no',
  abstain: 'abstain',
  abstained: 'abstain',
  abstention: 'abstain',
  recused: 'abstain',
  recusal: 'abstain',
  conflict: 'abstain',
  absent: 'absent',
  excused: 'excused',
  'not voting': 'not_voting',
  'no vote': 'not_voting',
  present: 'not_voting',
  'non-voting': 'not_voting',
  paired: 'paired',
};

export const voteValueKey = (value: string) => value.trim().toLowerCase().replace(/\s+/g, ' ');

export function bodyClassificationOf(typeName: string | null, name: string): BodyClassification {
  const text = `${typeName ?? ''} ${name}`.toLowerCase();
  if (/primary legislative|council|legislature/.test(text)) return 'council';
  if (/mayor|executive|manager/.test(text)) return 'executive';
  if (/school|education/.test(text)) return 'school_board';
  return 'commission';
}

/** `"6:3"` → yes 6, no 3 (as recorded; Legistar writes ayes first). */
export function parseTally(tally: string | null): { yes: number; no: number } | undefined {
  const match = tally ? /^\s*(\d+)\s*[:\-–]\s*(\d+)\s*$/.exec(tally) : null;
  return match ? { yes: Number(match[1]), no: Number(match[2]) } : undefined;
}
