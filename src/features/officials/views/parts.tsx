/**
 * Pieces shared by the representatives and officials pages: an official's public contact
 * details and links, and their recorded votes on tracked policies with the with/against reading.
 * Never an image: an official's photo lives on another origin.
 */
import type { ContactDetail, Link } from '../../../db/schema.ts';
import { pickText } from '../../../lib/bilingual.ts';
import type { PageContext } from '../../../web/i18n.ts';
import { langOf, Shown } from '../../../web/translation-note.tsx';
import { partyLabel, seatLabel, type Label } from '../labels.ts';
import { motionIn } from '../motion.ts';
import type { TrackedVote } from '../official-queries.ts';
import { isWebUrl, readVote } from '../reading.ts';

const OFFICE_LABELS = new Set(['capitol', 'district', 'primary']);
const CONTACT_ORDER = ['address', 'voice', 'fax', 'email'];

export function ContactList({
  ctx,
  email,
  contactDetails,
  links,
}: {
  ctx: PageContext;
  email: string | null;
  contactDetails: ContactDetail[];
  links: Link[];
}) {
  const { t } = ctx;
  const details = [...contactDetails].sort(
    (a, b) => CONTACT_ORDER.indexOf(a.type) - CONTACT_ORDER.indexOf(b.type),
  );
  const webLinks = links.filter((l) => isWebUrl(l.url));
  if (!email && !details.length && !webLinks.length)
    return <p class="meta">{t('officials.contact.none')}</p>;
  return (
    <ul class="contact-list">
      {email ? (
        <li>
          <span class="meta">{t('officials.contact.email')}:</span>{' '}
          <a href={`mailto:${email}`}>{email}</a>
        </li>
      ) : null}
      {details.map((d) => (
        <li>
          <span class="meta">
            {t(`officials.contact.${CONTACT_ORDER.includes(d.type) ? d.type : 'other'}`)}
            {d.label
              ? ` (${OFFICE_LABELS.has(d.label) ? t(`officials.office.${d.label}`) : d.label})`
              : ''}
            :
          </span>{' '}
          <ContactValue detail={d} />
        </li>
      ))}
      {webLinks.map((l) => (
        <li>
          <a href={l.url} rel="noopener noreferrer">
            {l.note || l.url}
          </a>
        </li>
      ))}
    </ul>
  );
}

function ContactValue({ detail }: { detail: ContactDetail }) {
  if (detail.type === 'email') return <a href={`mailto:${detail.value}`}>{detail.value}</a>;
  if (detail.type === 'voice')
    return <a href={`tel:${detail.value.replace(/[^\d+]/g, '')}`}>{detail.value}</a>;
  if (detail.type === 'address') return <span class="address">{detail.value}</span>;
  return <>{detail.value}</>;
}

/** Votes on tracked policies, newest first; says so plainly when there are none. */
export function VoteList({ ctx, votes }: { ctx: PageContext; votes: TrackedVote[] }) {
  const { t } = ctx;
  if (!votes.length) return <p class="meta">{t('officials.votes.none')}</p>;
  return (
    <ul class="vote-list">
      {votes.map((v) => {
        const reading = readVote(v.stance, v.option);
        const motion = motionIn(ctx.locale, v);
        return (
          <li>
            <PolicyLink ctx={ctx} slug={v.policySlug} titleEs={v.titleEs} titleEn={v.titleEn} />
            <br />
            <span class="meta">
              {ctx.formatDate(v.date)}
              {motion.text ? (
                <>
                  {' · '}
                  <Shown ctx={ctx} text={motion.text} state={motion.state} />
                </>
              ) : null}{' '}
              · {t(`officials.result.${v.result}`)}
            </span>
            <br />
            <span class="badge">{t('officials.votes.voted', { option: v.option })}</span>{' '}
            {reading ? (
              <span class={`badge ${reading === 'with' ? 'ok' : 'harm'}`}>
                {t(`officials.votes.${reading}`)}
              </span>
            ) : (
              <span class="meta">
                {t(
                  v.stance === 'mixed'
                    ? 'officials.votes.no_reading'
                    : 'officials.rollcall.no_reading',
                )}
              </span>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** "2021 – today", "2013 – 2021", or "" when the source gave no dates. */
export function TermDates({
  ctx,
  start,
  end,
}: {
  ctx: PageContext;
  start: string | null;
  end: string | null;
}) {
  if (!start && !end) return null;
  return (
    <>
      {start ? ctx.formatDate(start) : '…'} – {end ? ctx.formatDate(end) : ctx.t('officials.today')}
    </>
  );
}

/** A label in the reader's language, or as recorded with its language marked. */
export function Labelled({ label }: { label: Label }) {
  return label.lang ? <span lang={label.lang}>{label.text}</span> : <>{label.text}</>;
}

export function Party({ ctx, party }: { ctx: PageContext; party: string }) {
  return <Labelled label={partyLabel(ctx, party)} />;
}

/** The seat's label alone (a table cell). */
export function SeatName({ ctx, seat }: { ctx: PageContext; seat: string }) {
  return <Labelled label={seatLabel(ctx, seat)} />;
}

/** "Seat: {seat}", with only the seat's own words marked when they are not translated. */
export function Seat({ ctx, seat }: { ctx: PageContext; seat: string }) {
  const [before = '', after = ''] = ctx.t('officials.seat', { seat: '\u0000' }).split('\u0000');
  return (
    <>
      {before}
      <SeatName ctx={ctx} seat={seat} />
      {after}
    </>
  );
}

/** One member in a list of officials: name linked to their page, then seat and party. */
export function MemberItem({
  ctx,
  term,
}: {
  ctx: PageContext;
  term: { personSlug: string; personName: string; postLabel: string | null; party: string | null };
}) {
  return (
    <li>
      <a href={ctx.href(`/officials/${term.personSlug}`)}>{term.personName}</a>{' '}
      <span class="meta">
        {term.postLabel ? <Seat ctx={ctx} seat={term.postLabel} /> : ''}
        {term.postLabel && term.party ? ' · ' : ''}
        {term.party ? <Party ctx={ctx} party={term.party} /> : ''}
      </span>
    </li>
  );
}

/**
 * A link to a policy by its title in the page language, else in the other one (marked with its
 * `lang`: an imported matter's title is English), else by its slug.
 */
export function PolicyLink({
  ctx,
  slug,
  titleEs,
  titleEn,
}: {
  ctx: PageContext;
  slug: string;
  titleEs: string | null;
  titleEn: string | null;
}) {
  const title = pickText(ctx.locale, titleEs, titleEn);
  return (
    <a
      href={ctx.href(`/policies/${slug}`)}
      lang={title.text ? langOf(ctx, title.state) : undefined}
    >
      {title.text || slug}
    </a>
  );
}
