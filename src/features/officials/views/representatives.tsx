/**
 * "Who represents me": a coordinates form, a district map that is itself a submit button
 * (`<input type="image">`: the click works without JavaScript), and for a chosen point the
 * divisions holding it with the officials seated for each today.
 */
import type { PageContext } from '../../../web/i18n.ts';
import { Layout } from '../../../web/layout.tsx';
import { MAX_ADDRESS } from '../geocoder-form.ts';
import type { SeatHolder } from '../queries.ts';
import type { TrackedVote } from '../official-queries.ts';
import { ContactList, Party, Seat, VoteList } from './parts.tsx';

export interface RepresentativesView {
  form: { lat: string; lon: string };
  /** Catalog keys of the problems with what was sent, by field. */
  errors: { lat?: string; lon?: string; map?: string; address?: string };
  /** The address field, only when a geocoder is configured (decision 018). */
  address: {
    service: 'census' | 'nominatim';
    host: string;
    value: string;
    /** The address as the service matched it, after a successful lookup. */
    label: string | null;
  } | null;
  map: {
    src: string;
    width: number;
    height: number;
    marker: [number, number] | null;
    /** The division the map is fitted to, when not the whole map. */
    focus: string | null;
    /** Links that fit the map to each division holding the chosen point. */
    zoom: { ocdId: string; name: string | null; href: string; current: boolean }[];
    /** Back to the whole map, when focused. */
    whole: string | null;
  } | null;
  result: {
    divisions: {
      ocdId: string;
      name: string | null;
      officials: { holder: SeatHolder; votes: TrackedVote[] }[];
    }[];
  } | null;
}

export function RepresentativesPage({
  ctx,
  baseUrl,
  view,
}: {
  ctx: PageContext;
  baseUrl: string;
  view: RepresentativesView;
}) {
  const { t } = ctx;
  const problems = Object.entries(view.errors);
  return (
    <Layout
      ctx={ctx}
      title={t('officials.reps.title')}
      description={t('officials.reps.lead')}
      section="representatives"
      baseUrl={baseUrl}
      styles={['officials.css']}
      scripts={['representatives.js']}
    >
      <h1>{t('officials.reps.title')}</h1>
      <p class="lead">{t(view.address ? 'officials.reps.lead_address' : 'officials.reps.lead')}</p>
      <p class="meta">{t('officials.reps.privacy')}</p>
      {problems.length ? (
        <div class="note" role="alert" id="reps-problems">
          <p>{t('officials.reps.problem_intro')}</p>
          <ul>
            {problems.map(([, key]) => (
              <li>{t(key)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.address ? (
        <AddressForm ctx={ctx} address={view.address} error={view.errors.address} />
      ) : null}
      <form class="reps-form" method="get" action={ctx.href('/representatives')}>
        <fieldset>
          <legend>{t('officials.reps.coordinates')}</legend>
          <div class="reps-fields">
            <PlaceField ctx={ctx} name="lat" value={view.form.lat} error={view.errors.lat} />
            <PlaceField ctx={ctx} name="lon" value={view.form.lon} error={view.errors.lon} />
          </div>
          <div class="actions">
            {/* First in the form: Enter in a field submits with this, never with the map. */}
            <button type="submit">{t('officials.reps.submit')}</button>
            <button
              type="button"
              class="secondary"
              id="use-location"
              data-locating={t('officials.reps.locating')}
              data-failed={t('officials.reps.location_failed')}
              hidden
            >
              {t('officials.reps.use_location')}
            </button>
          </div>
          <p class="meta" id="location-status" role="status" aria-live="polite"></p>
        </fieldset>
        <MapSection ctx={ctx} view={view} />
      </form>
      {view.result ? (
        <Results ctx={ctx} result={view.result} matched={view.address?.label ?? null} />
      ) : null}
    </Layout>
  );
}

/** Posted, not sent in the query, so the address stays out of URLs (decision 018). */
function AddressForm({
  ctx,
  address,
  error,
}: {
  ctx: PageContext;
  address: NonNullable<RepresentativesView['address']>;
  error: string | undefined;
}) {
  const { t } = ctx;
  return (
    <form class="reps-form" method="post" action={ctx.href('/representatives')}>
      <fieldset>
        <legend>{t('officials.reps.address_legend')}</legend>
        <div class="reps-fields">
          <PlaceField
            ctx={ctx}
            name="address"
            value={address.value}
            error={error}
            maxlength={MAX_ADDRESS}
            autocomplete="street-address"
            note="reps-address-privacy"
          />
        </div>
        <p class="meta" id="reps-address-privacy">
          {t('officials.reps.address_privacy', { service: address.service, host: address.host })}
        </p>
        <div class="actions">
          <button type="submit">{t('officials.reps.address_submit')}</button>
        </div>
      </fieldset>
    </form>
  );
}

/** A labelled text field with its hint; `note` names one more element that describes it. */
function PlaceField({
  ctx,
  name,
  value,
  error,
  maxlength = 24,
  autocomplete = 'off',
  note,
}: {
  ctx: PageContext;
  name: 'lat' | 'lon' | 'address';
  value: string;
  error: string | undefined;
  maxlength?: number;
  autocomplete?: string;
  note?: string;
}) {
  const { t } = ctx;
  const id = `reps-${name}`;
  const described = [`${id}-hint`, note, error ? 'reps-problems' : undefined].filter(Boolean);
  return (
    <div class="field">
      <label for={id}>{t(`officials.reps.${name}`)}</label>
      <span class="meta" id={`${id}-hint`}>
        {t(`officials.reps.${name}_hint`)}
      </span>
      <input
        type="text"
        inputmode={name === 'address' ? undefined : 'decimal'}
        id={id}
        name={name}
        value={value}
        maxlength={maxlength}
        autocomplete={autocomplete}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described.join(' ')}
      />
    </div>
  );
}

function MapSection({ ctx, view }: { ctx: PageContext; view: RepresentativesView }) {
  const { t } = ctx;
  const { map } = view;
  if (!map)
    return (
      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t('officials.map.title')}</h2>
        <p>{t('officials.map.none')}</p>
        <pre class="command">
          <code>igualdad import boundaries FILE.geojson</code>
        </pre>
      </section>
    );
  return (
    <section aria-labelledby="map-heading">
      <h2 id="map-heading">{t('officials.map.title')}</h2>
      <p class="meta" id="map-hint">
        {t('officials.map.hint')}
      </p>
      <div class="district-map">
        <input
          type="image"
          name="map"
          src={map.src}
          width={map.width}
          height={map.height}
          alt={t('officials.map.alt')}
          aria-describedby="map-hint"
        />
        {map.marker ? (
          // Drawn over the image, not in it: the image is the same for everyone and cached.
          <svg
            class="map-marker"
            width={map.width}
            height={map.height}
            viewBox={`0 0 ${map.width} ${map.height}`}
            aria-hidden="true"
            focusable="false"
          >
            <circle
              cx={map.marker[0].toFixed(1)}
              cy={map.marker[1].toFixed(1)}
              r="7"
              fill="#b3261e"
              stroke="#ffffff"
              stroke-width="2"
            />
          </svg>
        ) : null}
      </div>
      {map.focus ? <input type="hidden" name="focus" value={map.focus} /> : null}
      {map.zoom.length || map.whole ? (
        <p class="map-zoom">
          {map.zoom.length ? <span>{t('officials.map.zoom')} </span> : null}
          {map.zoom.map((z, i) => (
            <>
              {i ? ' · ' : ''}
              {z.current ? (
                <strong aria-current="true">{divisionTitle(ctx, z)}</strong>
              ) : (
                <a href={z.href}>{divisionTitle(ctx, z)}</a>
              )}
            </>
          ))}
          {map.whole ? (
            <>
              {map.zoom.length ? ' · ' : ''}
              <a href={map.whole}>{t('officials.map.whole')}</a>
            </>
          ) : null}
        </p>
      ) : null}
    </section>
  );
}

function Results({
  ctx,
  result,
  matched,
}: {
  ctx: PageContext;
  result: NonNullable<RepresentativesView['result']>;
  matched: string | null;
}) {
  const { t } = ctx;
  const seated = result.divisions.reduce((n, d) => n + d.officials.length, 0);
  return (
    <section aria-labelledby="results-heading" class="reps-results">
      <h2 id="results-heading">{t('officials.reps.results')}</h2>
      {matched ? <p>{t('officials.reps.address_found', { address: matched })}</p> : null}
      <p role="status">
        {result.divisions.length
          ? t('officials.reps.found', { divisions: result.divisions.length, officials: seated })
          : t('officials.reps.outside')}
      </p>
      {result.divisions.map((d, i) => (
        <section class="division" aria-labelledby={`division-${i}`}>
          <h3 id={`division-${i}`}>{divisionTitle(ctx, d)}</h3>
          <p class="meta mono">{d.ocdId}</p>
          {d.officials.length ? (
            d.officials.map(({ holder, votes }) => (
              <Official ctx={ctx} holder={holder} votes={votes} />
            ))
          ) : (
            <p class="meta">{t('officials.reps.no_officials')}</p>
          )}
        </section>
      ))}
    </section>
  );
}

function Official({
  ctx,
  holder,
  votes,
}: {
  ctx: PageContext;
  holder: SeatHolder;
  votes: TrackedVote[];
}) {
  const { t } = ctx;
  return (
    <article class="card official">
      <h4>
        <a href={ctx.href(`/officials/${holder.personSlug}`)}>{holder.name}</a>
      </h4>
      <p>
        {ctx.locale === 'es' ? holder.bodyNameEs : holder.bodyNameEn}
        {' · '}
        <Seat ctx={ctx} seat={holder.postLabel} />
        {holder.party ? (
          <>
            {' · '}
            <Party ctx={ctx} party={holder.party} />
          </>
        ) : (
          ''
        )}
      </p>
      <ContactList
        ctx={ctx}
        email={holder.email}
        contactDetails={holder.contactDetails}
        links={holder.links}
      />
      {/* Open when short: the votes are half of what the reader came for. */}
      <details open={votes.length <= 5}>
        <summary>{t('officials.votes.title_count', { count: votes.length })}</summary>
        <VoteList ctx={ctx} votes={votes} />
      </details>
    </article>
  );
}

const NAMED_TYPES = new Set(['sldu', 'sldl', 'council_district', 'cd', 'school_district']);

/**
 * The division's name; when no list named it, a readable one from the id's last segment
 * ("sldu:14" -> "State Senate District 14"); else the id itself.
 */
export function divisionTitle(ctx: PageContext, d: { ocdId: string; name: string | null }) {
  if (d.name) return d.name;
  const [type = '', value = ''] = d.ocdId.slice(d.ocdId.lastIndexOf('/') + 1).split(':');
  return NAMED_TYPES.has(type) && value
    ? ctx.t(`officials.division.${type}`, { n: value.replaceAll('_', ' ') })
    : d.ocdId;
}
