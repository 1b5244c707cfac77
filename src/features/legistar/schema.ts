/**
 * The Legistar Web API rows the importer reads. Only the fields it uses are required; every other
 * field passes through untouched, so a client that adds columns does not break the import. IDs are
 * integers; timestamps (UTC without a zone) become Dates; local dates become `YYYY-MM-DD`.
 */
import { z } from 'zod';

const id = z.number().int();
const text = z
  .string()
  .nullish()
  .transform((value) => value?.trim() || null);
const flag = z.number().int().nullish();

const TIMESTAMP = /^(\d{4}-\d\d-\d\d)T(\d\d:\d\d(?::\d\d(?:\.\d{1,7})?)?)(Z)?$/;

/** `2019-04-25T18:45:46.937`: UTC, as Legistar's `<X>LastModifiedUtc` gives it. */
const modifiedUtc = z
  .string()
  .regex(TIMESTAMP, 'expected a timestamp like 2019-04-25T18:45:46.937')
  .transform((value) => new Date(value.endsWith('Z') ? value : `${value}Z`))
  .refine((date) => !Number.isNaN(date.getTime()), 'not a real date');

/** `2018-02-05T00:00:00`: a local date (the time part is midnight or a meeting time). */
const localDate = z
  .string()
  .regex(TIMESTAMP, 'expected a date like 2018-02-05T00:00:00')
  .refine((value) => !Number.isNaN(Date.parse(`${value.slice(0, 10)}T00:00:00Z`)), 'not a date')
  .transform((value) => value.slice(0, 10));

export const legistarBody = z.looseObject({
  BodyId: id,
  BodyLastModifiedUtc: modifiedUtc,
  BodyName: z.string().trim().min(1),
  BodyTypeName: text,
  BodyActiveFlag: flag,
  BodyNumberOfMembers: z.number().int().nullish(),
});

export const legistarPerson = z.looseObject({
  PersonId: id,
  PersonLastModifiedUtc: modifiedUtc,
  PersonFirstName: text,
  PersonLastName: text,
  PersonFullName: z.string().trim().min(1),
  PersonActiveFlag: flag,
  PersonPhone: text,
  PersonFax: text,
  PersonEmail: text,
  PersonWWW: text,
});

export const legistarOfficeRecord = z.looseObject({
  OfficeRecordId: id,
  OfficeRecordLastModifiedUtc: modifiedUtc,
  OfficeRecordFullName: text,
  OfficeRecordStartDate: localDate.nullish(),
  OfficeRecordEndDate: localDate.nullish(),
  OfficeRecordPersonId: id,
  OfficeRecordBodyId: id,
  OfficeRecordBodyName: text,
  OfficeRecordTitle: text,
  OfficeRecordMemberType: text,
  OfficeRecordExtraText: text,
});

export const legistarMatter = z.looseObject({
  MatterId: id,
  MatterLastModifiedUtc: modifiedUtc,
  MatterFile: text,
  MatterName: text,
  MatterTitle: text,
  MatterTypeName: text,
  MatterStatusName: text,
  MatterBodyId: id.nullish(),
  MatterBodyName: text,
  MatterIntroDate: localDate.nullish(),
  MatterPassedDate: localDate.nullish(),
  MatterEnactmentDate: localDate.nullish(),
  MatterEnactmentNumber: text,
});

export const legistarMatterHistory = z.looseObject({
  MatterHistoryId: id,
  MatterHistoryLastModifiedUtc: modifiedUtc,
  MatterHistoryActionDate: localDate.nullish(),
  MatterHistoryActionName: text,
  MatterHistoryActionText: text,
  MatterHistoryActionBodyId: id.nullish(),
  MatterHistoryActionBodyName: text,
  MatterHistoryPassedFlag: flag,
  MatterHistoryRollCallFlag: flag,
  MatterHistoryTally: text,
});

export const legistarSponsor = z.looseObject({
  MatterSponsorId: id,
  MatterSponsorMatterId: id,
  MatterSponsorNameId: id.nullish(),
  MatterSponsorName: text,
  MatterSponsorSequence: z.number().int().nullish(),
});

export const legistarVote = z.looseObject({
  VoteId: id,
  VotePersonId: id.nullish(),
  VotePersonName: z.string().trim().min(1),
  VoteValueName: z.string().trim().min(1),
  VoteSort: z.number().int().nullish(),
});

export const legistarEvent = z.looseObject({
  EventId: id,
  EventLastModifiedUtc: modifiedUtc,
  EventBodyId: id.nullish(),
  EventBodyName: text,
  EventDate: localDate,
  EventTime: text,
  EventComment: text,
  EventLocation: text,
  EventAgendaStatusName: text,
  EventAgendaFile: text,
  EventMinutesFile: text,
  EventInSiteURL: text,
});

export const legistarEventItem = z.looseObject({
  EventItemId: id,
  EventItemLastModifiedUtc: modifiedUtc,
  EventItemEventId: id,
  EventItemActionName: text,
  EventItemPassedFlag: flag,
  EventItemRollCallFlag: flag,
  EventItemTally: text,
  EventItemMatterId: id.nullish(),
  EventItemMatterFile: text,
  EventItemTitle: text,
});

export type LegistarBody = z.infer<typeof legistarBody>;
export type LegistarPerson = z.infer<typeof legistarPerson>;
export type LegistarOfficeRecord = z.infer<typeof legistarOfficeRecord>;
export type LegistarMatter = z.infer<typeof legistarMatter>;
export type LegistarMatterHistory = z.infer<typeof legistarMatterHistory>;
export type LegistarSponsor = z.infer<typeof legistarSponsor>;
export type LegistarVote = z.infer<typeof legistarVote>;
export type LegistarEvent = z.infer<typeof legistarEvent>;
export type LegistarEventItem = z.infer<typeof legistarEventItem>;
