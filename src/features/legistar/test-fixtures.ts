/**
 * A small invented Albuquerque-like Legistar client for the importer's tests, in the API's own
 * field names: the council, a committee and the mayor; four councilors; R-18-7 (which the default
 * dataset already holds), an ordinance with a roll call and sponsors, a memorial in committee, a
 * failed resolution, an executive communication (not legislation); meetings on both sides of the
 * 2019 change to daylight saving time.
 */
import type { FakeLegistarData } from './fake-server.ts';

type Row = Record<string, unknown>;
const MODIFIED = '2019-04-25T18:45:46.937';
const guid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export function body(id: number, name: string, type: string, extra: Row = {}): Row {
  return {
    BodyId: id,
    BodyGuid: guid(id),
    BodyLastModifiedUtc: MODIFIED,
    BodyRowVersion: 'AAAAAABkPGs=',
    BodyName: name,
    BodyTypeId: type === 'Primary Legislative Body' ? 1 : 2,
    BodyTypeName: type,
    BodyMeetFlag: 1,
    BodyActiveFlag: 1,
    BodySort: id,
    BodyDescription: null,
    BodyContactNameId: null,
    BodyContactFullName: null,
    BodyContactPhone: null,
    BodyContactEmail: null,
    BodyUsedControlFlag: 0,
    BodyNumberOfMembers: type === 'Primary Legislative Body' ? 9 : 0,
    BodyUsedActingFlag: 0,
    BodyUsedTargetFlag: 0,
    BodyUsedSponsorFlag: 0,
    ...extra,
  };
}

export function person(id: number, first: string, last: string, extra: Row = {}): Row {
  return {
    PersonId: id,
    PersonGuid: guid(100 + id),
    PersonLastModifiedUtc: MODIFIED,
    PersonRowVersion: 'AAAAAABkPGs=',
    PersonFirstName: first,
    PersonLastName: last,
    PersonFullName: `${first} ${last}`,
    PersonActiveFlag: 1,
    PersonCanViewFlag: 0,
    PersonUsedSponsorFlag: 1,
    PersonAddress1: 'One Civic Plaza NW',
    PersonCity1: 'Albuquerque',
    PersonState1: 'NM',
    PersonZip1: '87102',
    PersonPhone: '505-768-3100',
    PersonFax: null,
    PersonEmail: `${last.toLowerCase()}@example.org`,
    PersonWWW: 'https://example.org/council',
    PersonAddress2: '12 Private Lane',
    PersonCity2: null,
    PersonState2: null,
    PersonZip2: null,
    PersonPhone2: '505-000-0000',
    PersonFax2: null,
    PersonEmail2: 'home@example.org',
    PersonWWW2: null,
    ...extra,
  };
}

export function officeRecord(id: number, p: Row, b: Row, extra: Row = {}): Row {
  return {
    OfficeRecordId: id,
    OfficeRecordGuid: guid(200 + id),
    OfficeRecordLastModifiedUtc: MODIFIED,
    OfficeRecordRowVersion: 'AAAAAABkPGs=',
    OfficeRecordFirstName: p.PersonFirstName,
    OfficeRecordLastName: p.PersonLastName,
    OfficeRecordEmail: p.PersonEmail,
    OfficeRecordFullName: p.PersonFullName,
    OfficeRecordStartDate: '2017-12-01T00:00:00',
    OfficeRecordEndDate: '2021-11-30T00:00:00',
    OfficeRecordSort: id,
    OfficeRecordPersonId: p.PersonId,
    OfficeRecordBodyId: b.BodyId,
    OfficeRecordBodyName: b.BodyName,
    OfficeRecordTitle: 'Councilor',
    OfficeRecordVoteDivider: 1,
    OfficeRecordExtendFlag: 0,
    OfficeRecordMemberTypeId: 1,
    OfficeRecordMemberType: 'Voting Member',
    OfficeRecordSupportNameId: null,
    OfficeRecordSupportFullName: null,
    OfficeRecordExtraText: null,
    ...extra,
  };
}

export function matter(
  id: number,
  file: string,
  type: string,
  status: string,
  extra: Row = {},
): Row {
  return {
    MatterId: id,
    MatterGuid: guid(300 + id),
    MatterLastModifiedUtc: MODIFIED,
    MatterRowVersion: 'AAAAAABkPGs=',
    MatterFile: file,
    MatterName: `${type} ${file}`,
    MatterTitle: `${type} ${file} of the City of Albuquerque`,
    MatterTypeId: 1,
    MatterTypeName: type,
    MatterStatusId: 1,
    MatterStatusName: status,
    MatterBodyId: 138,
    MatterBodyName: 'City Council',
    MatterIntroDate: '2019-01-07T00:00:00',
    MatterAgendaDate: null,
    MatterPassedDate: null,
    MatterEnactmentDate: null,
    MatterEnactmentNumber: null,
    MatterRequester: null,
    MatterNotes: null,
    MatterVersion: '1',
    ...extra,
  };
}

export function history(id: number, date: string, action: string, extra: Row = {}): Row {
  return {
    MatterHistoryId: id,
    MatterHistoryGuid: guid(400 + id),
    MatterHistoryLastModifiedUtc: MODIFIED,
    MatterHistoryRowVersion: 'AAAAAABkPGs=',
    MatterHistoryEventId: null,
    MatterHistoryAgendaSequence: null,
    MatterHistoryMinutesSequence: null,
    MatterHistoryAgendaNumber: null,
    MatterHistoryVideo: null,
    MatterHistoryVideoIndex: null,
    MatterHistoryVersion: '1',
    MatterHistoryAgendaNote: null,
    MatterHistoryMinutesNote: null,
    MatterHistoryActionDate: `${date}T00:00:00`,
    MatterHistoryActionId: 1,
    MatterHistoryActionName: action,
    MatterHistoryActionText: null,
    MatterHistoryActionBodyId: 138,
    MatterHistoryActionBodyName: 'City Council',
    MatterHistoryPassedFlag: null,
    MatterHistoryPassedFlagName: null,
    MatterHistoryRollCallFlag: null,
    MatterHistoryFlagExtra: null,
    MatterHistoryTally: null,
    MatterHistoryAccelaRecordId: null,
    MatterHistoryConsent: 0,
    MatterHistoryMoverId: null,
    MatterHistoryMoverName: null,
    MatterHistorySeconderId: null,
    MatterHistorySeconderName: null,
    MatterHistoryMatterStatusId: null,
    ...extra,
  };
}

export function vote(id: number, eventItemId: number, p: Row, value: string): Row {
  return {
    VoteId: id,
    VoteGuid: guid(500 + id),
    VoteLastModifiedUtc: MODIFIED,
    VoteRowVersion: 'AAAAAABkPGs=',
    VotePersonId: p.PersonId,
    VotePersonName: p.PersonFullName,
    VoteValueId: 1,
    VoteValueName: value,
    VoteSort: id,
    VoteResult: value === 'Aye' ? 1 : value === 'Nay' ? 2 : null,
    VoteEventItemId: eventItemId,
  };
}

export function sponsor(id: number, matterId: number, p: Row, sequence: number): Row {
  return {
    MatterSponsorId: id,
    MatterSponsorGuid: guid(600 + id),
    MatterSponsorLastModifiedUtc: MODIFIED,
    MatterSponsorRowVersion: 'AAAAAABkPGs=',
    MatterSponsorMatterId: matterId,
    MatterSponsorMatterVersion: '1',
    MatterSponsorNameId: p.PersonId,
    MatterSponsorBodyId: null,
    MatterSponsorName: p.PersonFullName,
    MatterSponsorSequence: sequence,
  };
}

export function event(id: number, date: string, time: string | null, extra: Row = {}): Row {
  return {
    EventId: id,
    EventGuid: guid(700 + id),
    EventLastModifiedUtc: MODIFIED,
    EventRowVersion: 'AAAAAABkPGs=',
    EventBodyId: 138,
    EventBodyName: 'City Council',
    EventDate: `${date}T00:00:00`,
    EventComment: null,
    EventTime: time,
    EventVideoStatus: 'Public',
    EventAgendaStatusId: 2,
    EventAgendaStatusName: 'Final',
    EventMinutesStatusId: 1,
    EventMinutesStatusName: 'Draft',
    EventLocation: 'Vincent E. Griego Chambers',
    EventAgendaFile: 'https://example.org/agenda.pdf',
    EventMinutesFile: null,
    EventInSiteURL: 'https://example.org/meeting',
    EventItems: [],
    ...extra,
  };
}

export const COUNCIL = body(138, 'City Council', 'Primary Legislative Body');
export const COMMITTEE = body(200, 'Land Use, Planning and Zoning Committee', 'Committee');
export const MAYOR = body(300, 'Mayor', 'Executive');
export const BENTON = person(11, 'Isaac', 'Benton');
export const PENA = person(12, 'Klarissa', 'Peña');
export const JONES = person(13, 'Trudy', 'Jones');
export const DAVIS = person(14, 'Pat', 'Davis');

/** Matter ids of the fixture. */
export const R_18_7 = 5001;
export const ORDINANCE = 5002;
export const EXEC_COMM = 5003;
export const MEMORIAL = 5004;
export const FAILED = 5005;

/** A fresh copy of the fixture client (tests change it). */
export function albuquerqueFixture(): FakeLegistarData {
  const people = [BENTON, PENA, JONES, DAVIS];
  const rollCall = (eventItem: number, values: string[]) =>
    people.map((p, i) => vote(eventItem * 10 + i, eventItem, p, values[i]!));
  return {
    bodies: [COUNCIL, COMMITTEE, MAYOR],
    persons: people,
    officeRecords: [
      officeRecord(1, BENTON, COUNCIL, { OfficeRecordExtraText: 'District 2' }),
      officeRecord(2, PENA, COUNCIL, { OfficeRecordExtraText: 'District 3' }),
      officeRecord(3, JONES, COUNCIL, { OfficeRecordExtraText: 'District 8' }),
      officeRecord(4, DAVIS, COUNCIL, {
        OfficeRecordExtraText: 'District 6',
        OfficeRecordTitle: 'President',
      }),
      officeRecord(5, BENTON, COMMITTEE, { OfficeRecordTitle: 'Member' }),
    ],
    matters: [
      matter(R_18_7, 'R-18-7', 'Resolution', 'Passed', {
        MatterIntroDate: '2018-01-17T00:00:00',
        MatterPassedDate: '2018-04-16T00:00:00',
      }),
      matter(ORDINANCE, 'O-19-1', 'Ordinance', 'Passed', {
        MatterPassedDate: '2019-02-04T00:00:00',
        MatterEnactmentNumber: 'O-2019-001',
      }),
      matter(EXEC_COMM, 'EC-19-5', 'Executive Communication', 'Received'),
      matter(MEMORIAL, 'M-19-2', 'Memorial', 'In Committee'),
      matter(FAILED, 'R-19-3', 'Resolution', 'Failed'),
    ],
    histories: new Map([
      [
        R_18_7,
        [
          history(9001, '2018-01-17', 'Introduced'),
          history(9002, '2018-04-16', 'Passed', {
            MatterHistoryPassedFlag: 1,
            MatterHistoryRollCallFlag: 1,
            MatterHistoryTally: '6:3',
          }),
          history(9010, '2018-04-25', 'Signed by the Mayor', {
            MatterHistoryActionBodyId: 300,
            MatterHistoryActionBodyName: 'Mayor',
          }),
        ],
      ],
      [
        ORDINANCE,
        [
          history(9003, '2019-01-07', 'Introduced'),
          history(9004, '2019-02-04', 'Passed', {
            MatterHistoryPassedFlag: 1,
            MatterHistoryRollCallFlag: 1,
            MatterHistoryActionText: 'Passed as amended',
          }),
        ],
      ],
      [
        MEMORIAL,
        [
          history(9005, '2019-01-07', 'Referred', {
            MatterHistoryActionBodyId: 200,
            MatterHistoryActionBodyName: 'Land Use, Planning and Zoning Committee',
          }),
        ],
      ],
      [
        FAILED,
        [
          history(9006, '2019-03-04', 'Failed', {
            MatterHistoryPassedFlag: 0,
            MatterHistoryRollCallFlag: 1,
          }),
        ],
      ],
    ]),
    sponsors: new Map([
      [ORDINANCE, [sponsor(1, ORDINANCE, BENTON, 0), sponsor(2, ORDINANCE, PENA, 1)]],
      [MEMORIAL, [sponsor(3, MEMORIAL, DAVIS, 0)]],
    ]),
    votes: new Map([
      [9002, rollCall(9002, ['Aye', 'Aye', 'Nay', 'Aye'])],
      [9004, rollCall(9004, ['Aye', 'Aye', 'Nay', 'Excused'])],
      [9006, rollCall(9006, ['Nay', 'Aye', 'Nay', 'Absent'])],
    ]),
    events: [
      // 2019-03-10 is the change to daylight saving time in America/Denver.
      event(7001, '2019-03-04', '5:00 PM'),
      event(7002, '2019-03-18', '5:00 PM'),
      event(7003, '2019-04-01', null, { EventComment: 'CANCELLED' }),
    ],
    eventItems: new Map(),
  };
}
