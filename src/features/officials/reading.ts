/**
 * How a vote reads for immigrant residents, from the policy's stance: yes on a policy that
 * protects them, or no on one that harms them, is a vote with them; the opposite is against.
 * A mixed policy, or a vote that is neither yes nor no, gets no judgement.
 */
import type { PolicyStance } from '../../db/enums.ts';
import type { VoteOption } from './official-queries.ts';

export type VoteReading = 'with' | 'against' | null;

export function readVote(stance: PolicyStance, option: VoteOption): VoteReading {
  if (stance === 'mixed' || (option !== 'yes' && option !== 'no')) return null;
  return (option === 'yes') === (stance === 'protects') ? 'with' : 'against';
}

/** Only web addresses become links: an imported `javascript:` or `data:` URL stays text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s]+$/i.test(url);
}
