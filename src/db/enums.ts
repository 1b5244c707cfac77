/**
 * Controlled vocabularies shared by the database schema, the Zod schemas and the OpenAPI document.
 * Values follow Popolo / Open Civic Data where those define them.
 */
export const jurisdictionKinds = [
  'federal',
  'state',
  'county',
  'city',
  'school_district',
  'other',
] as const;

export const bodyClassifications = [
  'legislature',
  'chamber',
  'council',
  'commission',
  'school_board',
  'executive',
  'electorate',
] as const;

/** OCD bill classifications plus the kinds of policy local governments and schools adopt. */
export const policyClassifications = [
  'bill',
  'resolution',
  'joint_resolution',
  'concurrent_resolution',
  'memorial',
  'joint_memorial',
  'ordinance',
  'proclamation',
  'constitutional_amendment',
  'statute',
  'board_policy',
  'procedural_directive',
  'executive_order',
  'ballot_initiative',
] as const;

export const policyStatuses = [
  'pending',
  'in_force',
  'enacted_non_binding',
  'failed',
  'vetoed',
  'repealed',
  'superseded',
  'unknown',
] as const;

export const policyStances = ['protects', 'harms', 'mixed'] as const;

export const translationStates = [
  'original',
  'reviewed',
  'machine',
  'needs_update',
  'missing',
] as const;

export const verificationStates = ['verified', 'unverified'] as const;

export const identifierSchemes = [
  'bill_number',
  'enactment_number',
  'code_section',
  'alias',
] as const;

export const rubricCategories = [
  'detainers',
  'enforcement_agreements',
  'information_sharing',
  'non_public_access',
  'status_inquiries',
  'access_to_services',
  'schools',
  'labor_and_wages',
  'drivers_licenses',
  'higher_education',
  'language_access',
  'other',
] as const;

/** OCD action classifications (a subset plus the ones local bodies need). */
export const actionClassifications = [
  'introduction',
  'reading-1',
  'reading-2',
  'reading-3',
  'referral-committee',
  'committee-passage',
  'committee-failure',
  'amendment-introduction',
  'amendment-passage',
  'amendment-failure',
  'passage',
  'failure',
  'withdrawal',
  'executive-receipt',
  'executive-signature',
  'executive-veto',
  'veto-override-passage',
  'veto-override-failure',
  'became-law',
  'filing',
  'repeal',
  'court-action',
  'other',
] as const;

export const relationKinds = [
  'amends',
  'strengthens',
  'supersedes',
  'implements',
  'responds_to',
  'related',
] as const;

export const audiences = ['community', 'advocates', 'media', 'officials'] as const;

export type JurisdictionKind = (typeof jurisdictionKinds)[number];
export type BodyClassification = (typeof bodyClassifications)[number];
export type PolicyClassification = (typeof policyClassifications)[number];
export type PolicyStatus = (typeof policyStatuses)[number];
export type PolicyStance = (typeof policyStances)[number];
export type TranslationState = (typeof translationStates)[number];
export type VerificationState = (typeof verificationStates)[number];
export type IdentifierScheme = (typeof identifierSchemes)[number];
export type RubricCategory = (typeof rubricCategories)[number];
export type ActionClassification = (typeof actionClassifications)[number];
export type RelationKind = (typeof relationKinds)[number];
export type Audience = (typeof audiences)[number];

/** OCD vote options (a roll call's individual votes). */
export const voteOptions = [
  'yes',
  'no',
  'abstain',
  'absent',
  'not_voting',
  'paired',
  'excused',
  'other',
] as const;

export const voteResults = ['pass', 'fail'] as const;
