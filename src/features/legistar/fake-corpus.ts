/**
 * A generated Legistar client, Albuquerque-like, for the fake server (tests and `npm run bench`).
 * Deterministic for a given seed, self-contained (no downloads) and invented: the councilors'
 * names are made up, so no real person is ever shown casting a vote they did not cast.
 *
 * Shape, as the real API gives it (field names: Legistar Web API; every row has its `Id`,
 * `Guid`, `LastModifiedUtc` and `RowVersion`): bodies (City Council, the Primary Legislative
 * Body; three committees; the Office of the Mayor, which acts but does not meet), 9 council seats
 * held by a succession of councilors over the period with their office records (terms, yearly
 * President/Vice President and committee memberships), meetings on a fixed calendar, and
 * `matters` matters whose 2–6 history rows follow a real path (introduced, committee, council,
 * Mayor). About one history row in three is a roll call of the 9 councilors in office that day
 * (Aye/Nay/Excused/Absent, tally "ayes:nays"); every history row taken at a meeting is also an
 * event item of that meeting with the same id, as in Legistar (MatterHistoryId = EventItemId).
 *
 * The period ends in 2025 and is one year per 1,000 matters (1 to 10 years), so small corpora
 * stay small; matter files (`R-25-12`) restart each year per type, like the city's.
 */
import { prng } from '../../lib/prng.ts';
import { emptyLegistarData, type FakeLegistarData } from './fake-server.ts';

export interface LegistarCorpusOptions {
  matters: number;
  seed?: number;
}

type Row = Record<string, unknown>;
type Rand = () => number;

const DAY_MS = 86_400_000;
const LAST_YEAR = 2025;
const SEATS = 9;
/** Legistar's vote values for this client (ids are client-specific). */
const VOTE = {
  Aye: { id: 16, result: 1 },
  Nay: { id: 17, result: 2 },
  Excused: { id: 19, result: null },
  Absent: { id: 18, result: null },
} as const;
type VoteName = keyof typeof VOTE;

// prettier-ignore
const FIRST_NAMES = [
  'Ana', 'Benito', 'Carmen', 'Daniel', 'Elena', 'Felipe', 'Gloria', 'Hector', 'Irene', 'Jorge',
  'Karen', 'Luis', 'Marisol', 'Nathan', 'Olivia', 'Pablo', 'Rosa', 'Samuel', 'Teresa', 'Victor',
  'Wendy', 'Xavier', 'Yolanda', 'Zachary', 'Brenda', 'Carlos', 'Diana', 'Eric',
];
// prettier-ignore
const LAST_NAMES = [
  'Aragón', 'Baca', 'Candelaria', 'Duran', 'Esquibel', 'Fresquez', 'Gallegos', 'Herrera',
  'Jaramillo', 'Lucero', 'Montoya', 'Nuñez', 'Ortiz', 'Padilla', 'Quintana', 'Romero', 'Sandoval',
  'Trujillo', 'Ulibarri', 'Valdez', 'Whitaker', 'Young', 'Zamora', 'Abernathy', 'Brooks', 'Carter',
  'Dalton', 'Ellison',
];
// prettier-ignore
const TOPICS = [
  ['Immigrant Friendly City', 'Reaffirming the City of Albuquerque as an Immigrant Friendly City'],
  ['Language Access', 'Requiring Language Access Plans for City Departments That Serve the Public'],
  ['Federal Enforcement Limits', 'Prohibiting the Use of City Resources for Federal Civil Immigration Enforcement'],
  ['Wage Theft', 'Strengthening the Enforcement of the Minimum Wage and Wage Theft Protections'],
  ['Tenant Protections', 'Establishing Protections for Tenants Against Retaliatory Eviction'],
  ['Fiscal Year Budget', 'Approving the Operating Budget for the Fiscal Year'],
  ['Capital Program', 'Approving the Capital Implementation Program and Decade Plan'],
  ['Zone Map Amendment', 'Amending the Zone Map for Property Located Along Central Avenue'],
  ['Integrated Development Ordinance', 'Amending the Integrated Development Ordinance Regarding Accessory Dwelling Units'],
  ['Grant Acceptance', 'Approving and Authorizing the Acceptance of Federal Grant Funds for Community Programs'],
  ['Public Safety', 'Establishing a Community Safety Department Program for Behavioral Health Response'],
  ['Open Space', 'Authorizing the Acquisition of Open Space Along the Rio Grande Bosque'],
  ['Bus Rapid Transit', 'Approving an Amendment to the Agreement for the Albuquerque Rapid Transit Project'],
  ['Water Conservation', 'Adopting Water Conservation Goals for City Facilities'],
  ['Youth Programs', 'Funding Summer Youth Employment and Recreation Programs'],
  ['Procurement', 'Amending the Public Purchases Ordinance to Favor Local Businesses'],
];
// prettier-ignore
const BOARDS = [
  'Human Rights Board', 'Civilian Police Oversight Agency Board', 'Environmental Planning Commission',
  'Albuquerque Arts Board', 'Transit Advisory Board', 'Personnel Board',
];
// prettier-ignore
const DEPARTMENTS = [
  'Council Services', 'Planning Department', 'Department of Finance and Administrative Services',
  'Family and Community Services', 'Office of the Mayor', 'Transit Department',
];
// prettier-ignore
const MONTHS_CAUSES = [
  'Hispanic Heritage Month', 'Immigrant Heritage Month', 'Native American Heritage Month',
  'Fair Housing Month', 'Domestic Violence Awareness Month',
];

/** One matter type: its file prefix, how often it occurs, and how far it travels. */
const TYPES = [
  { id: 41, name: 'Resolution', prefix: 'R', weight: 35 },
  { id: 42, name: 'Ordinance', prefix: 'O', weight: 15 },
  { id: 44, name: 'Executive Communication', prefix: 'EC', weight: 25 },
  { id: 45, name: 'Appointment', prefix: 'AP', weight: 15 },
  { id: 43, name: 'Memorial', prefix: 'M', weight: 10 },
] as const;
type MatterType = (typeof TYPES)[number];

const BODIES = {
  council: { id: 138, name: 'City Council', type: 'Primary Legislative Body', typeId: 1, meets: 1 },
  whole: { id: 226, name: 'Committee of the Whole', type: 'Committee', typeId: 2, meets: 1 },
  finance: {
    id: 231,
    name: 'Finance & Government Operations Committee',
    type: 'Committee',
    typeId: 2,
    meets: 1,
  },
  landUse: {
    id: 232,
    name: 'Land Use, Planning & Zoning Committee',
    type: 'Committee',
    typeId: 2,
    meets: 1,
  },
  mayor: { id: 240, name: 'Office of the Mayor', type: 'Department', typeId: 5, meets: 0 },
} as const;
type Body = (typeof BODIES)[keyof typeof BODIES];
/** Meetings: weekday (0 Sunday) and which weeks of the month. */
const CALENDAR: [Body, number, number[], string][] = [
  [BODIES.council, 1, [1, 3], '5:00 PM'],
  [BODIES.finance, 1, [2], '5:00 PM'],
  [BODIES.whole, 1, [4], '5:00 PM'],
  [BODIES.landUse, 3, [2, 4], '3:00 PM'],
];

// --- Formatting ---------------------------------------------------------------------------------

const date = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** A local date as Legistar writes it: local midnight, no zone. */
const legistarDate = (day: number) => `${date(day)}T00:00:00`;
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);

/** Four hex digits for every 16-bit value: GUIDs for 200,000 rows cost little this way. */
const HEX4 = Array.from({ length: 0x10000 }, (_, i) =>
  i.toString(16).toUpperCase().padStart(4, '0'),
);

/** A row's identity and version, as every Legistar entity carries them. */
function stamps(rand: Rand, version: { n: number }) {
  const keys: Record<string, [string, string, string, string]> = {};
  return (prefix: string, id: number, modifiedDay: number, fields: Row): Row => {
    const w = () => HEX4[(rand() * 0x10000) | 0]!;
    const guid = `${w()}${w()}-${w()}-${w()}-${w()}-${w()}${w()}${w()}`;
    // .NET drops trailing zeros of the fraction: "2014-05-24T04:10:20.03", or no fraction at all.
    const instant = new Date(modifiedDay * DAY_MS + Math.floor(rand() * DAY_MS)).toISOString();
    const modified = instant.slice(0, 23).replace(/\.?0+$/, '');
    const bytes = Buffer.alloc(8);
    bytes.writeBigUInt64BE(BigInt(++version.n + 0x1f0000));
    // Field names built once per entity: building them per row cost more than the rest.
    const [idKey, guidKey, modifiedKey, versionKey] = (keys[prefix] ??= [
      `${prefix}Id`,
      `${prefix}Guid`,
      `${prefix}LastModifiedUtc`,
      `${prefix}RowVersion`,
    ]);
    fields[idKey] = id;
    fields[guidKey] = guid;
    fields[modifiedKey] = modified;
    fields[versionKey] = bytes.toString('base64');
    return fields;
  };
}

// --- People and seats ---------------------------------------------------------------------------

interface Councilor {
  personId: number;
  fullName: string;
}
interface Term {
  seat: number;
  councilor: Councilor;
  start: number;
  end: number;
}

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

/** Terms of four years from December 1 after the November election; odd districts elected in 2017, 2021, 2025. */
function seatTerms(rand: Rand, firstYear: number, newCouncilor: () => Councilor): Term[] {
  const terms: Term[] = [];
  for (let seat = 1; seat <= SEATS; seat++) {
    let year = 2025 - (seat % 2 === 1 ? 0 : 2);
    while (year >= firstYear) year -= 4;
    let holder = newCouncilor();
    let served = 0;
    for (; year <= LAST_YEAR; year += 4) {
      if (served >= 2 || (served > 0 && rand() < 0.4)) {
        holder = newCouncilor();
        served = 0;
      }
      served++;
      terms.push({
        seat,
        councilor: holder,
        start: dayOf(`${year}-12-01`),
        end: dayOf(`${year + 4}-11-30`),
      });
    }
  }
  return terms;
}

// --- The corpus ---------------------------------------------------------------------------------

interface Meeting {
  eventId: number;
  body: Body;
  day: number;
  items: Row[];
}

/** Generates the corpus (see the file comment). The same options give the same rows. */
export function generateLegistarCorpus(options: LegistarCorpusOptions): FakeLegistarData {
  const matterCount = Math.max(0, Math.floor(options.matters));
  const rand = prng(options.seed ?? 20261125);
  const stamp = stamps(rand, { n: 0 });
  const years = Math.min(10, Math.max(1, Math.ceil(matterCount / 1000)));
  const firstYear = LAST_YEAR - years + 1;
  const firstDay = dayOf(`${firstYear}-01-01`);
  const lastDay = dayOf(`${LAST_YEAR}-12-31`);
  /** Matters are introduced until July, so every one has time to travel before the period ends. */
  const lastIntroDay = dayOf(`${LAST_YEAR}-06-30`);
  /** Legistar records a change a few days after the meeting. */
  const later = (day: number) => day + int(rand, 1, 4);

  const data = emptyLegistarData();

  // Bodies.
  Object.values(BODIES).forEach((body, i) =>
    data.bodies.push(
      stamp('Body', body.id, firstDay - 400, {
        BodyName: body.name,
        BodyTypeId: body.typeId,
        BodyTypeName: body.type,
        BodyMeetFlag: body.meets,
        BodyActiveFlag: 1,
        BodySort: i + 1,
        BodyDescription: null,
        BodyContactNameId: null,
        BodyContactFullName: null,
        BodyContactPhone: body.meets ? '505-768-3100' : null,
        BodyContactEmail: null,
        BodyUsedControlFlag: body === BODIES.council ? 1 : 0,
        BodyNumberOfMembers:
          body === BODIES.council || body === BODIES.whole ? SEATS : body.meets ? 5 : 0,
        BodyUsedActingFlag: 0,
        BodyUsedTargetFlag: 0,
        BodyUsedSponsorFlag: body === BODIES.council ? 1 : 0,
      }),
    ),
  );

  // Councilors (invented names, each used once) and their terms.
  const names = FIRST_NAMES.flatMap((first, i) =>
    LAST_NAMES.map((_, j) => [first, LAST_NAMES[(i * 5 + j) % LAST_NAMES.length]!] as const),
  );
  let nextPerson = 101;
  const councilors: Councilor[] = [];
  const newCouncilor = (): Councilor => {
    const [first, last] = names.splice(Math.floor(rand() * names.length), 1)[0]!;
    const councilor = { personId: nextPerson++, fullName: `${first} ${last}` };
    councilors.push(councilor);
    data.persons.push(
      stamp('Person', councilor.personId, firstDay - 200, {
        PersonFirstName: first,
        PersonLastName: last,
        PersonFullName: councilor.fullName,
        PersonActiveFlag: 0,
        PersonCanViewFlag: 0,
        PersonUsedSponsorFlag: 1,
        PersonAddress1: 'One Civic Plaza NW, 9th Floor',
        PersonCity1: 'Albuquerque',
        PersonState1: 'NM',
        PersonZip1: '87102',
        PersonPhone: '505-768-3100',
        PersonFax: null,
        PersonEmail: `${first[0]!.toLowerCase()}${last
          .normalize('NFD')
          .replace(/[^A-Za-z]/g, '')
          .toLowerCase()}@cabq.example`,
        PersonWWW: null,
        PersonAddress2: null,
        PersonCity2: null,
        PersonState2: null,
        PersonZip2: null,
        PersonPhone2: null,
        PersonFax2: null,
        PersonEmail2: null,
        PersonWWW2: null,
      }),
    );
    return councilor;
  };
  const terms = seatTerms(rand, firstYear, newCouncilor);
  for (const person of data.persons) {
    const id = person.PersonId as number;
    person.PersonActiveFlag = terms.some((t) => t.councilor.personId === id && t.end >= lastDay)
      ? 1
      : 0;
  }
  /** The 9 councilors in office on a day, by seat. */
  const sitting = (day: number): Councilor[] =>
    Array.from({ length: SEATS }, (_, i) => {
      const term = terms.find((t) => t.seat === i + 1 && t.start <= day && day <= t.end);
      return (term ?? terms.find((t) => t.seat === i + 1)!).councilor;
    });

  let nextOfficeRecord = 501;
  const officeRecord = (
    councilor: Councilor,
    body: Body,
    title: string,
    start: number,
    end: number,
  ) => {
    const [first, ...rest] = councilor.fullName.split(' ');
    data.officeRecords.push(
      stamp('OfficeRecord', nextOfficeRecord++, Math.min(start, lastDay), {
        OfficeRecordFirstName: first,
        OfficeRecordLastName: rest.join(' '),
        OfficeRecordEmail: null,
        OfficeRecordFullName: councilor.fullName,
        OfficeRecordStartDate: legistarDate(start),
        OfficeRecordEndDate: legistarDate(end),
        OfficeRecordSort: 0,
        OfficeRecordPersonId: councilor.personId,
        OfficeRecordBodyId: body.id,
        OfficeRecordBodyName: body.name,
        OfficeRecordTitle: title,
        OfficeRecordVoteDivider: 1,
        OfficeRecordExtendFlag: 0,
        OfficeRecordMemberTypeId: 1,
        OfficeRecordMemberType: 'Voting Member',
        OfficeRecordSupportNameId: null,
        OfficeRecordSupportFullName: null,
        OfficeRecordExtraText: null,
      }),
    );
  };
  for (const term of terms)
    officeRecord(term.councilor, BODIES.council, 'Councilor', term.start, term.end);
  // Each council year (December to November): officers and committee members among those sitting.
  for (let year = firstYear - 1; year <= LAST_YEAR; year++) {
    const start = dayOf(`${year}-12-01`);
    const end = dayOf(`${year + 1}-11-30`);
    const members = shuffle(rand, sitting(start));
    officeRecord(members[0]!, BODIES.council, 'President', start, end);
    officeRecord(members[1]!, BODIES.council, 'Vice President', start, end);
    for (const member of members) officeRecord(member, BODIES.whole, 'Member', start, end);
    members
      .slice(0, 5)
      .forEach((m, i) => officeRecord(m, BODIES.finance, i === 0 ? 'Chair' : 'Member', start, end));
    members
      .slice(4)
      .forEach((m, i) => officeRecord(m, BODIES.landUse, i === 0 ? 'Chair' : 'Member', start, end));
  }

  // Meetings on the calendar, with the opening items every agenda has.
  let nextEvent = 3001;
  let nextItem = 60001; // shared by history rows and event items: they are the same ids
  const meetings = new Map<number, Meeting[]>();
  for (let day = firstDay; day <= lastDay; day++) {
    const d = new Date(day * DAY_MS);
    const week = Math.ceil(d.getUTCDate() / 7);
    for (const [body, weekday, weeks, time] of CALENDAR) {
      if (d.getUTCDay() !== weekday || !weeks.includes(week)) continue;
      const meeting: Meeting = { eventId: nextEvent++, body, day, items: [] };
      const list = meetings.get(body.id) ?? [];
      list.push(meeting);
      meetings.set(body.id, list);
      data.events.push(
        stamp('Event', meeting.eventId, day + 3, {
          EventBodyId: body.id,
          EventBodyName: body.name,
          EventDate: legistarDate(day),
          EventComment: null,
          EventTime: time,
          EventVideoStatus: 'Public',
          EventAgendaStatusId: 2,
          EventAgendaStatusName: 'Final',
          EventMinutesStatusId: 2,
          EventMinutesStatusName: 'Final',
          EventLocation: 'Vincent E. Griego Chambers',
          EventAgendaFile: null,
          EventMinutesFile: null,
          EventInSiteURL: `https://cabq.legistar.com/MeetingDetail.aspx?ID=${meeting.eventId}`,
          EventItems: [],
        }),
      );
      data.eventItems.set(meeting.eventId, meeting.items);
      for (const title of ['Call to Order and Roll Call', 'Approval of the Journal']) {
        meeting.items.push(eventItem(meeting, nextItem++, title));
      }
    }
  }
  /** The body's first meeting at least `gap` days after `day` (the last one when none is left). */
  const meetingAfter = (body: Body, day: number, gap: number): Meeting => {
    const list = meetings.get(body.id)!;
    return list.find((m) => m.day >= day + gap) ?? list[list.length - 1]!;
  };

  /** An agenda item; a matter's item overrides the action fields with its history row's. */
  function eventItem(meeting: Meeting, id: number, title: string, action: Row = {}): Row {
    const item = stamp('EventItem', id, meeting.day + 2, {
      EventItemEventId: meeting.eventId,
      EventItemAgendaSequence: meeting.items.length + 1,
      EventItemMinutesSequence: meeting.items.length + 1,
      EventItemAgendaNumber: meeting.items.length ? String(meeting.items.length) : null,
      EventItemVideo: null,
      EventItemVideoIndex: null,
      EventItemVersion: null,
      EventItemAgendaNote: null,
      EventItemMinutesNote: null,
      EventItemActionId: null,
      EventItemActionName: null,
      EventItemActionText: null,
      EventItemPassedFlag: null,
      EventItemPassedFlagName: null,
      EventItemRollCallFlag: 0,
      EventItemFlagExtra: 0,
      EventItemTitle: title,
      EventItemTally: null,
      EventItemAccelaRecordId: null,
      EventItemConsent: 0,
      EventItemMoverId: null,
      EventItemMover: null,
      EventItemSeconderId: null,
      EventItemSeconder: null,
      EventItemMatterId: null,
      EventItemMatterGuid: null,
      EventItemMatterFile: null,
      EventItemMatterName: null,
      EventItemMatterType: null,
      EventItemMatterStatus: null,
      EventItemMatterAttachments: [],
    });
    return Object.assign(item, action);
  }

  // Matters in date order (ids and files grow with time), each introduced at a council meeting.
  const introDays = Array.from({ length: matterCount }, () => int(rand, firstDay, lastIntroDay))
    .sort((a, b) => a - b)
    .map((day) => meetingAfter(BODIES.council, day, 0).day);
  const numbers = new Map<string, number>();
  let nextVote = 200001;
  let nextSponsor = 40001;
  introDays.forEach((introDay, index) => {
    const matterId = 1001 + index;
    const type = weightedType(rand);
    const yy = String(new Date(introDay * DAY_MS).getUTCFullYear() % 100).padStart(2, '0');
    const key = `${type.prefix}-${yy}`;
    numbers.set(key, (numbers.get(key) ?? 0) + 1);
    const file = `${key}-${numbers.get(key)}`;
    const { name, title } = describeMatter(rand, type, yy);
    const path = matterPath(rand, type);
    const histories: Row[] = [];
    const matter: Row = stamp('Matter', matterId, introDay, {
      MatterFile: file,
      MatterName: name,
      MatterTitle: title,
      MatterTypeId: type.id,
      MatterTypeName: type.name,
      MatterStatusId: 0,
      MatterStatusName: '',
      MatterBodyId: BODIES.council.id,
      MatterBodyName: BODIES.council.name,
      MatterIntroDate: legistarDate(introDay),
      MatterAgendaDate: null,
      MatterPassedDate: null,
      MatterEnactmentDate: null,
      MatterEnactmentNumber: null,
      MatterRequester: pick(rand, DEPARTMENTS),
      MatterNotes: null,
      MatterVersion: '1',
    });

    let day = introDay;
    for (const step of path.steps) {
      const meeting = step.body.meets ? meetingAfter(step.body, day, step.gap) : undefined;
      day = meeting?.day ?? day + step.gap;
      const historyId = nextItem++;
      const voters = sitting(day);
      const [mover, seconder] = shuffle(rand, voters);
      const votes = step.rollCall
        ? castVotes(rand, voters, step.passed === 1, step.supermajority)
        : undefined;
      const ayes = votes?.filter((v) => v === 'Aye').length ?? 0;
      const nays = votes?.filter((v) => v === 'Nay').length ?? 0;
      const moved = step.passed !== null && step.body !== BODIES.mayor;
      const actionText = moved
        ? `A motion was made by ${mover!.fullName}, seconded by ${seconder!.fullName}, that this matter be ${MOVED[step.action] ?? step.action}. ` +
          (step.rollCall
            ? `The motion ${step.passed ? 'carried' : 'failed'} by the following vote:`
            : `The motion ${step.passed ? 'carried' : 'failed'} by a voice vote.`)
        : null;
      const history: Row = stamp('MatterHistory', historyId, later(day), {
        MatterHistoryEventId: meeting?.eventId ?? null,
        MatterHistoryAgendaSequence: meeting ? meeting.items.length + 1 : null,
        MatterHistoryMinutesSequence: meeting ? meeting.items.length + 1 : null,
        MatterHistoryAgendaNumber: meeting ? String(meeting.items.length) : null,
        MatterHistoryVideo: null,
        MatterHistoryVideoIndex: null,
        MatterHistoryVersion: matter.MatterVersion,
        MatterHistoryAgendaNote: null,
        MatterHistoryMinutesNote: null,
        MatterHistoryActionDate: legistarDate(day),
        MatterHistoryActionId: step.actionId,
        MatterHistoryActionName: step.action,
        MatterHistoryActionText: actionText,
        MatterHistoryActionBodyId: step.body.id,
        MatterHistoryActionBodyName: step.body.name,
        MatterHistoryPassedFlag: step.passed,
        MatterHistoryPassedFlagName: step.passed === null ? null : step.passed ? 'Pass' : 'Fail',
        MatterHistoryRollCallFlag: step.rollCall ? 1 : step.passed === null ? null : 0,
        MatterHistoryFlagExtra: null,
        MatterHistoryTally: votes ? `${ayes}:${nays}` : null,
        MatterHistoryAccelaRecordId: null,
        MatterHistoryConsent: 0,
        MatterHistoryMoverId: moved ? mover!.personId : null,
        MatterHistoryMoverName: moved ? mover!.fullName : null,
        MatterHistorySeconderId: moved ? seconder!.personId : null,
        MatterHistorySeconderName: moved ? seconder!.fullName : null,
        MatterHistoryMatterStatusId: null,
      });
      if (step.amends) matter.MatterVersion = String(Number(matter.MatterVersion) + 1);
      histories.push(history);
      if (votes) {
        data.votes.set(
          historyId,
          votes.map((value, i) =>
            stamp('Vote', nextVote++, later(day), {
              VotePersonId: voters[i]!.personId,
              VotePersonName: voters[i]!.fullName,
              VoteValueId: VOTE[value].id,
              VoteValueName: value,
              VoteSort: i + 1,
              VoteResult: VOTE[value].result,
              VoteEventItemId: historyId,
            }),
          ),
        );
      }
      if (meeting) {
        const h = (field: string) => history[`MatterHistory${field}`];
        meeting.items.push(
          eventItem(meeting, historyId, title, {
            EventItemVersion: h('Version'),
            EventItemActionId: h('ActionId'),
            EventItemActionName: h('ActionName'),
            EventItemActionText: h('ActionText'),
            EventItemPassedFlag: h('PassedFlag'),
            EventItemPassedFlagName: h('PassedFlagName'),
            EventItemRollCallFlag: h('RollCallFlag') ?? 0,
            EventItemTally: h('Tally'),
            EventItemMoverId: h('MoverId'),
            EventItemMover: h('MoverName'),
            EventItemSeconderId: h('SeconderId'),
            EventItemSeconder: h('SeconderName'),
            EventItemMatterId: matterId,
            EventItemMatterGuid: matter.MatterGuid,
            EventItemMatterFile: file,
            EventItemMatterName: name,
            EventItemMatterType: type.name,
            EventItemMatterStatus: path.status,
            // The event item is the history row seen from the meeting: same change time.
            EventItemLastModifiedUtc: history.MatterHistoryLastModifiedUtc,
          }),
        );
      }
      if (step.body === BODIES.council && !matter.MatterAgendaDate)
        matter.MatterAgendaDate = legistarDate(day);
      if (step.final && step.passed) matter.MatterPassedDate = legistarDate(day);
      if (step.enacts) {
        matter.MatterEnactmentDate = legistarDate(day);
        matter.MatterEnactmentNumber = `${type.prefix}-20${yy}-${String(numbers.get(key)).padStart(3, '0')}`;
      }
    }
    const last = histories[histories.length - 1]!;
    matter.MatterStatusId = STATUS_IDS[path.status];
    matter.MatterStatusName = path.status;
    if (path.status === 'In Committee') {
      matter.MatterBodyId = last.MatterHistoryActionBodyId;
      matter.MatterBodyName = last.MatterHistoryActionBodyName;
    }
    // The matter changed last when its last action was recorded.
    matter.MatterLastModifiedUtc = last.MatterHistoryLastModifiedUtc;
    data.matters.push(matter);
    data.histories.set(matterId, histories);

    const sponsors = type.prefix === 'EC' || type.prefix === 'AP' ? [] : sitting(introDay);
    const count = sponsors.length ? int(rand, 1, 3) : 0;
    data.sponsors.set(
      matterId,
      shuffle(rand, sponsors)
        .slice(0, count)
        .map((councilor, i) =>
          stamp('MatterSponsor', nextSponsor++, introDay, {
            MatterSponsorMatterId: matterId,
            MatterSponsorMatterVersion: '1',
            MatterSponsorNameId: councilor.personId,
            MatterSponsorBodyId: BODIES.council.id,
            MatterSponsorName: councilor.fullName,
            MatterSponsorSequence: i,
          }),
        ),
    );
  });

  // Agenda items closing every meeting.
  for (const list of meetings.values())
    for (const meeting of list) meeting.items.push(eventItem(meeting, nextItem++, 'Adjournment'));
  return data;
}

function weightedType(rand: Rand): MatterType {
  let roll = rand() * TYPES.reduce((sum, t) => sum + t.weight, 0);
  for (const type of TYPES) if ((roll -= type.weight) < 0) return type;
  return TYPES[0];
}

function describeMatter(rand: Rand, type: MatterType, yy: string): { name: string; title: string } {
  const [name, title] = pick(rand, TOPICS);
  switch (type.prefix) {
    case 'EC': {
      const department = pick(rand, DEPARTMENTS);
      return {
        name: `${department} Report`,
        title: `${department} Quarterly Report for Fiscal Year 20${yy}`,
      };
    }
    case 'AP': {
      const board = pick(rand, BOARDS);
      const person = `${pick(rand, FIRST_NAMES)} ${pick(rand, LAST_NAMES)}`;
      return {
        name: `${board} Appointment`,
        title: `Mayor's Appointment of ${person} to the ${board}`,
      };
    }
    case 'M': {
      const cause = pick(rand, MONTHS_CAUSES);
      return { name: cause, title: `Recognizing ${cause} in the City of Albuquerque` };
    }
    case 'O':
      return {
        name: name!,
        title: `Amending the Revised Ordinances of Albuquerque 1994: ${title!}`,
      };
    default:
      return { name: name!, title: title! };
  }
}

const STATUS_IDS = {
  'In Committee': 60,
  Passed: 71,
  Enacted: 72,
  Adopted: 73,
  Failed: 74,
  Withdrawn: 75,
  Vetoed: 76,
  'Receipt Be Noted': 77,
  Approved: 78,
} as const;
type Status = keyof typeof STATUS_IDS;

/** What was moved, where the action names the outcome instead. */
const MOVED: Record<string, string> = {
  Failed: 'Passed',
  'Do Not Pass': 'Do Pass',
  'Veto Sustained': 'Veto Overridden',
};

interface Step {
  body: Body;
  action: string;
  actionId: number;
  /** Days at least after the previous step (to the body's next meeting when it meets). */
  gap: number;
  passed: 1 | 0 | null;
  rollCall: boolean;
  supermajority?: boolean;
  final?: boolean;
  amends?: boolean;
  enacts?: boolean;
}

const step = (
  body: Body,
  action: string,
  actionId: number,
  passed: 1 | 0 | null,
  extra: Partial<Step> = {},
): Step => ({
  body,
  action,
  actionId,
  gap: 7,
  passed,
  rollCall: passed !== null && (body === BODIES.council || body === BODIES.whole),
  ...extra,
});

/** The actions a matter goes through (2 to 6) and the status it ends in. */
function matterPath(rand: Rand, type: MatterType): { steps: Step[]; status: Status } {
  const council = BODIES.council;
  const intro = step(council, 'Introduced and Referred', 360, null, { gap: 0 });
  if (type.prefix === 'EC')
    return {
      steps: [
        step(council, 'Introduced', 359, null, { gap: 0 }),
        step(council, 'Receipt Be Noted', 370, 1, { rollCall: false, final: true }),
      ],
      status: 'Receipt Be Noted',
    };
  if (type.prefix === 'M') {
    const passed = rand() < 0.95;
    return {
      steps: [
        step(council, 'Introduced', 359, null, { gap: 0 }),
        step(council, passed ? 'Passed' : 'Failed', passed ? 363 : 364, passed ? 1 : 0, {
          final: true,
        }),
      ],
      status: passed ? 'Adopted' : 'Failed',
    };
  }
  if (type.prefix === 'AP') {
    const steps = [intro];
    if (rand() < 0.5) steps.push(step(BODIES.finance, 'Do Pass', 380, 1));
    const approved = rand() < 0.93;
    steps.push(
      step(council, approved ? 'Approved' : 'Failed', approved ? 365 : 364, approved ? 1 : 0, {
        final: true,
      }),
    );
    return { steps, status: approved ? 'Approved' : 'Failed' };
  }
  // Resolutions and ordinances: a committee, the council, the Mayor, sometimes a veto override.
  const committee = pick(rand, [BODIES.finance, BODIES.landUse, BODIES.whole]);
  const steps = [intro];
  if (rand() < 0.25) steps.push(step(committee, 'Deferred', 381, null));
  const roll = rand();
  if (roll < 0.08)
    return {
      steps: steps.length > 1 ? steps : [...steps, step(committee, 'Deferred', 381, null)],
      status: 'In Committee',
    };
  const recommended = roll < 0.9;
  const amended = rand() < 0.2;
  steps.push(
    step(
      committee,
      recommended ? (amended ? 'Do Pass, as Amended' : 'Do Pass') : 'Do Not Pass',
      recommended ? 382 : 383,
      recommended ? 1 : 0,
      { amends: amended },
    ),
  );
  if (rand() < 0.1 && steps.length < 4)
    steps.push(step(council, 'Amended', 366, 1, { amends: true }));
  const outcome = rand();
  if (outcome < 0.08) {
    steps.push(step(council, 'Withdrawn by Sponsor', 367, null));
    return { steps, status: 'Withdrawn' };
  }
  const passed = recommended ? outcome < 0.9 : outcome < 0.4;
  steps.push(
    step(council, passed ? 'Passed' : 'Failed', passed ? 363 : 364, passed ? 1 : 0, {
      final: true,
    }),
  );
  if (!passed) return { steps, status: 'Failed' };
  const mayor = BODIES.mayor;
  if (rand() < 0.93) {
    steps.push(step(mayor, 'Signed by the Mayor', 390, 1, { gap: int(rand, 3, 12), enacts: true }));
    return { steps, status: 'Enacted' };
  }
  steps.push(step(mayor, 'Vetoed', 391, 0, { gap: int(rand, 3, 12) }));
  if (steps.length >= 6) return { steps, status: 'Vetoed' };
  const overridden = rand() < 0.5;
  steps.push(
    step(
      council,
      overridden ? 'Veto Overridden' : 'Veto Sustained',
      overridden ? 392 : 393,
      overridden ? 1 : 0,
      { supermajority: true, enacts: overridden },
    ),
  );
  return { steps, status: overridden ? 'Enacted' : 'Vetoed' };
}

function int(rand: Rand, min: number, max: number): number {
  return min + Math.floor(rand() * (max - min + 1));
}

/** A shuffled copy (Fisher–Yates). */
function shuffle<T>(rand: Rand, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/**
 * The 9 votes of a roll call that ends as given: an override needs 6 ayes (two thirds), a plain
 * majority 5; excused and absent members are about one in twenty each.
 */
function castVotes(
  rand: Rand,
  voters: Councilor[],
  passes: boolean,
  supermajority = false,
): VoteName[] {
  const needed = supermajority ? 6 : 5;
  for (;;) {
    const lean = passes ? (rand() < 0.5 ? 0.02 : 0.25) : 0.6;
    const votes = voters.map((): VoteName => {
      const r = rand();
      return r < 0.04 ? 'Excused' : r < 0.08 ? 'Absent' : rand() < lean ? 'Nay' : 'Aye';
    });
    const ayes = votes.filter((v) => v === 'Aye').length;
    if (passes === ayes >= needed) return votes;
  }
}
