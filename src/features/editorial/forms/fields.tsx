/**
 * The fields of an editing form, drawn from the field list of its kind (form-data.ts): Spanish and
 * English side by side, repeated rows as fieldsets with a "remove" box and one empty row, every
 * message beside its field. Works without JavaScript; a translator sees only the texts editable.
 */
import type { Child } from 'hono/jsx';
import { translationStates } from '../../../db/enums.ts';
import type { PageContext } from '../../../web/i18n.ts';
import {
  fieldId,
  isFixed,
  join,
  labelKey,
  rowPath,
  type FieldSpec,
  type FormOptions,
  type PathErrors,
} from '../form-data.ts';

export interface FieldsProps {
  ctx: PageContext;
  fields: FieldSpec[];
  /** The record as stored or as typed. */
  document: Record<string, unknown>;
  errors: PathErrors;
  options: FormOptions;
  /** Translators: only texts and their translation states are editable. */
  translatorOnly: boolean;
  /** The item exists (and whether it is published): fixed fields are shown, not edited. */
  existing?: { published: boolean };
  /** Per list, how many empty rows to show (default one). */
  emptyRows?: Record<string, number>;
  /** Viewers: nothing is editable. */
  readOnly?: boolean;
}

type Env = Omit<FieldsProps, 'fields' | 'document'>;

export function FormFields(props: FieldsProps) {
  return <>{renderFields(props, props.fields, props.document, '')}</>;
}

function renderFields(env: Env, fields: FieldSpec[], record: unknown, prefix: string): Child[] {
  const data = (record && typeof record === 'object' ? record : {}) as Record<string, unknown>;
  return fields.map((f) => {
    if (f.type === 'bilingual') {
      const value = f.name === null ? data : data[f.name];
      return <Bilingual env={env} spec={f} value={value} path={join(prefix, f.name)} />;
    }
    const path = join(prefix, f.name);
    const value = data[f.name];
    switch (f.type) {
      case 'group':
        return (
          <fieldset class="group" id={fieldId(path)}>
            <legend>{env.ctx.t(labelKey(path))}</legend>
            <ErrorText env={env} path={path} />
            <div class="group-fields">{renderFields(env, f.fields, value, path)}</div>
          </fieldset>
        );
      case 'rows':
        return <Rows env={env} spec={f} value={value} path={path} />;
      default:
        return <Single env={env} spec={f} value={value} path={path} />;
    }
  });
}

function ErrorText({ env, path }: { env: Env; path: string }) {
  const error = env.errors[path];
  return error ? (
    <span class="field-error" id={`${fieldId(path)}-error`}>
      {error}
    </span>
  ) : null;
}

const described = (env: Env, path: string, hint?: string) =>
  [hint, env.errors[path] ? `${fieldId(path)}-error` : ''].filter(Boolean).join(' ') || undefined;

const text = (v: unknown) => (v === null || v === undefined ? '' : String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);

type SingleSpec = Exclude<FieldSpec, { type: 'bilingual' | 'group' | 'rows' }>;

/** Up to this many options, a list of checkboxes; more, a multiple select. */
const MAX_CHECKBOXES = 30;

function Single({
  env,
  spec,
  value,
  path,
  label,
}: {
  env: Env;
  spec: SingleSpec;
  value: unknown;
  path: string;
  label?: string;
}) {
  const { ctx } = env;
  const id = fieldId(path);
  const name = label ?? ctx.t(labelKey(path));
  const readonly =
    env.translatorOnly || (env.existing !== undefined && isFixed(spec, env.existing));
  if (readonly) return <ReadOnly env={env} spec={spec} value={value} label={name} />;
  const invalid = env.errors[path] ? 'true' : undefined;
  const checkOptions =
    spec.type === 'choices'
      ? spec.values.map((v) => ({ value: v, label: ctx.t(`${spec.labels}.${v}`) }))
      : spec.type === 'refs' && env.options[spec.ref].length <= MAX_CHECKBOXES
        ? env.options[spec.ref]
        : undefined;
  const hintKey =
    spec.type === 'text' && spec.format
      ? `editorial.hint.${spec.format}`
      : spec.type === 'refs' && !checkOptions
        ? 'editorial.hint.multiple'
        : undefined;
  const hintId = hintKey ? `${id}-hint` : undefined;
  const hint = hintKey ? (
    <span class="meta" id={hintId}>
      {ctx.t(hintKey)}
    </span>
  ) : null;
  const describedBy = described(env, path, hintId);

  if (spec.type === 'flag')
    return (
      <div class="field check">
        <input
          type="checkbox"
          id={id}
          name={path}
          value="on"
          checked={value === true}
          aria-describedby={describedBy}
        />
        <label for={id}>{name}</label>
        <ErrorText env={env} path={path} />
      </div>
    );

  if (checkOptions) {
    const chosen = new Set(list(value));
    // Chosen first, in their stored order: the order means something (a talking point is grouped
    // under its first policy) and a form posts its boxes in document order.
    const ordered = [
      ...list(value).flatMap((v) => checkOptions.filter((o) => o.value === v)),
      ...checkOptions.filter((o) => !chosen.has(o.value)),
    ];
    return (
      <fieldset class="field checks" id={id} aria-describedby={describedBy}>
        <legend>{name}</legend>
        <ErrorText env={env} path={path} />
        {checkOptions.length === 0 ? (
          <p class="meta">{ctx.t('editorial.form.no_options')}</p>
        ) : null}
        {ordered.map((o, i) => (
          <div class="check">
            <input
              type="checkbox"
              id={`${id}-${i}`}
              name={path}
              value={o.value}
              checked={chosen.has(o.value)}
            />
            <label for={`${id}-${i}`}>{o.label}</label>
          </div>
        ))}
      </fieldset>
    );
  }

  let control: Child;
  const common = {
    id,
    name: path,
    'aria-invalid': invalid,
    'aria-describedby': describedBy,
  };
  switch (spec.type) {
    case 'choice': {
      // Left empty, a choice shows its default (what the schema would store), not "Choose...".
      const current = text(value) || (spec.initial ?? '');
      control = (
        <select {...common}>
          {current === '' ? <option value="">{ctx.t('editorial.form.choose')}</option> : null}
          {spec.values.map((v) => (
            <option value={v} selected={v === current}>
              {ctx.t(`${spec.labels}.${v}`)}
            </option>
          ))}
          {current && !spec.values.includes(current) ? (
            <option value={current} selected>
              {current}
            </option>
          ) : null}
        </select>
      );
      break;
    }
    case 'choices':
    case 'refs': {
      // Long lists (every policy): a multiple select, which the hint explains.
      const chosen = new Set(list(value));
      const all = spec.type === 'refs' ? env.options[spec.ref] : [];
      // Chosen first, in stored order (see the checkboxes above).
      const opts = [
        ...list(value).flatMap((v) => all.filter((o) => o.value === v)),
        ...all.filter((o) => !chosen.has(o.value)),
      ];
      control = (
        <select {...common} multiple size={Math.min(6, Math.max(2, opts.length))}>
          {opts.map((o) => (
            <option value={o.value} selected={chosen.has(o.value)}>
              {o.label}
            </option>
          ))}
        </select>
      );
      break;
    }
    case 'ref': {
      const current = text(value);
      const opts = env.options[spec.ref];
      control = (
        <select {...common}>
          <option value="">
            {ctx.t(spec.optional ? 'editorial.form.none' : 'editorial.form.choose')}
          </option>
          {opts.map((o) => (
            <option value={o.value} selected={o.value === current}>
              {o.label}
            </option>
          ))}
          {current && !opts.some((o) => o.value === current) ? (
            <option value={current} selected>
              {current}
            </option>
          ) : null}
        </select>
      );
      break;
    }
    case 'number':
      control = <input {...common} type="text" inputmode="numeric" value={text(value)} />;
      break;
    case 'text':
      control = spec.multiline ? (
        <textarea {...common} rows={3}>
          {text(value)}
        </textarea>
      ) : (
        <input
          {...common}
          type={spec.format === 'url' ? 'url' : 'text'}
          value={text(value)}
          spellcheck={spec.format ? false : undefined}
        />
      );
      break;
  }
  return (
    <div class="field">
      <label for={id}>{name}</label>
      {hint}
      <ErrorText env={env} path={path} />
      {control}
    </div>
  );
}

/** A field a translator may not change, as text. */
function ReadOnly({
  env,
  spec,
  value,
  label,
}: {
  env: Env;
  spec: SingleSpec;
  value: unknown;
  label: string;
}) {
  const { ctx } = env;
  const labelOf = (v: string): string => {
    if (spec.type === 'choice' || spec.type === 'choices') return ctx.t(`${spec.labels}.${v}`);
    if (spec.type === 'ref' || spec.type === 'refs')
      return env.options[spec.ref].find((o) => o.value === v)?.label ?? v;
    return v;
  };
  const shown =
    spec.type === 'flag'
      ? ctx.t(value === true ? 'editorial.form.yes' : 'editorial.form.no')
      : Array.isArray(value)
        ? value.map((v) => labelOf(String(v))).join(', ')
        : text(value) && labelOf(text(value));
  return (
    <div class="field readonly">
      <span class="label">{label}</span>
      <span class="value">{shown || ctx.t('editorial.form.empty')}</span>
    </div>
  );
}

function Bilingual({
  env,
  spec,
  value,
  path,
}: {
  env: Env;
  spec: Extract<FieldSpec, { type: 'bilingual' }>;
  value: unknown;
  path: string;
}) {
  const { ctx } = env;
  const data = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
  const label = ctx.t(labelKey(spec.name === null ? spec.label! : path));
  const containerId = spec.name === null ? `${fieldId(path)}-text` : fieldId(path);
  const wholeError = spec.name !== null && Boolean(env.errors[path]);
  return (
    <fieldset class="bilingual" id={containerId}>
      <legend>{label}</legend>
      {spec.name === null ? null : <ErrorText env={env} path={path} />}
      {spec.markdown ? (
        <p class="meta" id={`${containerId}-hint`}>
          {ctx.t('editorial.hint.markdown')}
        </p>
      ) : null}
      <div class="langs">
        {(['es', 'en'] as const).map((lang) => {
          const textPath = join(path, lang);
          const id = fieldId(textPath);
          const statePath = join(path, `${lang}_state`);
          const common = {
            id,
            name: textPath,
            lang,
            // A problem with the text as a whole ("in at least one language") marks both boxes.
            'aria-invalid': env.errors[textPath] || wholeError ? 'true' : undefined,
            'aria-describedby': described(
              env,
              textPath,
              [
                spec.markdown ? `${containerId}-hint` : '',
                wholeError ? `${fieldId(path)}-error` : '',
              ]
                .filter(Boolean)
                .join(' ') || undefined,
            ),
          };
          if (env.readOnly)
            return (
              <div class="lang">
                <ReadOnly
                  env={env}
                  spec={{ type: 'text', name: lang }}
                  value={data[lang]}
                  label={ctx.t('editorial.form.in_language', {
                    field: label,
                    language: ctx.t(`editorial.language.${lang}`),
                  })}
                />
              </div>
            );
          return (
            <div class="lang">
              <div class="field">
                <label for={id}>
                  {ctx.t('editorial.form.in_language', {
                    field: label,
                    language: ctx.t(`editorial.language.${lang}`),
                  })}
                </label>
                <ErrorText env={env} path={textPath} />
                {spec.multiline || spec.markdown ? (
                  <textarea {...common} rows={spec.markdown ? 10 : 4}>
                    {text(data[lang])}
                  </textarea>
                ) : (
                  <input {...common} type="text" value={text(data[lang])} />
                )}
              </div>
              {spec.states ? (
                <div class="field">
                  <label for={fieldId(statePath)}>
                    {ctx.t('editorial.form.state_in', {
                      language: ctx.t(`editorial.language.${lang}`),
                    })}
                  </label>
                  <ErrorText env={env} path={statePath} />
                  <select
                    id={fieldId(statePath)}
                    name={statePath}
                    aria-describedby={described(env, statePath)}
                  >
                    <option value="">{ctx.t('editorial.form.state_auto')}</option>
                    {translationStates.map((s) => (
                      <option value={s} selected={text(data[`${lang}_state`]) === s}>
                        {ctx.t(`translation.${s}`)}
                      </option>
                    ))}
                  </select>
                </div>
              ) : null}
            </div>
          );
        })}
      </div>
      {spec.verification ? (
        <Single
          env={env}
          spec={{
            type: 'choice',
            name: 'verification',
            values: ['verified', 'unverified'],
            labels: 'verification',
          }}
          value={data.verification ?? 'unverified'}
          path={join(path, 'verification')}
        />
      ) : null}
    </fieldset>
  );
}

function Rows({
  env,
  spec,
  value,
  path,
}: {
  env: Env;
  spec: Extract<FieldSpec, { type: 'rows' }>;
  value: unknown;
  path: string;
}) {
  const { ctx } = env;
  const rows = Array.isArray(value) ? value : [];
  const empty = env.translatorOnly ? 0 : (env.emptyRows?.[path] ?? 1);
  const label = ctx.t(labelKey(path));
  const rowLabel = ctx.t(`${labelKey(path)}.row`);
  return (
    <fieldset class="rows" id={fieldId(path)}>
      <legend>{label}</legend>
      <ErrorText env={env} path={path} />
      {rows.length === 0 && env.translatorOnly ? (
        <p class="meta">{ctx.t('editorial.form.no_rows')}</p>
      ) : null}
      {[...rows, ...Array<undefined>(empty).fill(undefined)].map((row, i) => {
        const at = rowPath(path, i);
        const isNew = i >= rows.length;
        return (
          <fieldset class="row" id={fieldId(at)}>
            <legend>
              {isNew
                ? ctx.t('editorial.form.new_row', { row: rowLabel })
                : ctx.t('editorial.form.row', { row: rowLabel, n: i + 1 })}
            </legend>
            <ErrorText env={env} path={at} />
            {renderFields(env, spec.fields, row ?? {}, at)}
            {isNew || env.translatorOnly ? null : (
              <div class="field check remove">
                <input type="checkbox" id={fieldId(`${at}._remove`)} name={`${at}._remove`} />
                <label for={fieldId(`${at}._remove`)}>
                  {ctx.t('editorial.form.remove_row', { row: rowLabel, n: i + 1 })}
                </label>
              </div>
            )}
          </fieldset>
        );
      })}
      {env.translatorOnly ? null : (
        <button type="submit" name="_add" value={path} class="secondary" formnovalidate>
          {ctx.t('editorial.form.add_row', { row: rowLabel })}
        </button>
      )}
    </fieldset>
  );
}
