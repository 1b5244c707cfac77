/**
 * The scorecard sentence ("7 of 9 votes with immigrant residents, 2015–2025", never a bare
 * percentage) and the form that chooses its period, shared by an official's page and the
 * comparison of two.
 */
import type { PageContext } from '../../../web/i18n.ts';
import type { Period, PeriodChoice, Scorecard } from '../scorecard.ts';

function periodLabel(ctx: PageContext, period: Period, score: Scorecard): string | null {
  const span = (from: number, to: number) =>
    from === to
      ? ctx.t('officials.score.in_year', { year: String(from) })
      : ctx.t('officials.score.years', { from: String(from), to: String(to) });
  if (period.from !== null && period.to !== null) return span(period.from, period.to);
  if (period.from !== null) return ctx.t('officials.score.since', { year: String(period.from) });
  if (period.to !== null) return ctx.t('officials.score.until', { year: String(period.to) });
  return score.firstYear !== null && score.lastYear !== null
    ? span(score.firstYear, score.lastYear)
    : null;
}

/** The count always comes with the sentence; no vote cast is said in words, never as 0%. */
export function ScoreLine({
  ctx,
  score,
  period,
}: {
  ctx: PageContext;
  score: Scorecard;
  period: Period;
}) {
  const label = periodLabel(ctx, period, score);
  if (!score.cast)
    return (
      <p class="score none">
        {label
          ? ctx.t('officials.score.none', { period: label })
          : ctx.t('officials.score.none_ever')}
      </p>
    );
  return (
    <p class="score">
      <strong>
        {ctx.t('officials.score.result', {
          with: score.with,
          cast: score.cast,
          period: label ?? '',
        })}
      </strong>
    </p>
  );
}

/** Year fields for the period; the hidden fields carry what else the page was asked. */
export function PeriodForm({
  ctx,
  action,
  choice,
  keep = {},
}: {
  ctx: PageContext;
  action: string;
  choice: PeriodChoice;
  keep?: Record<string, string>;
}) {
  const { t } = ctx;
  const invalid = (field: 'from' | 'to') =>
    choice.errors.includes(field) || choice.errors.includes('order') ? 'true' : undefined;
  return (
    <>
      {choice.errors.length ? (
        <div class="note" role="alert" id="period-problems">
          <p>{t('officials.score.problem_intro')}</p>
          <ul>
            {choice.errors.map((e) => (
              <li>{t(`officials.score.error_${e}`)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <form class="period-form" method="get" action={action}>
        {Object.entries(keep).map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <fieldset>
          <legend>{t('officials.score.period')}</legend>
          <div class="reps-fields">
            {(['from', 'to'] as const).map((field) => (
              <div class="field">
                <label for={`period-${field}`}>{t(`officials.score.${field}`)}</label>
                <span class="meta" id={`period-${field}-hint`}>
                  {t('officials.score.year_hint')}
                </span>
                <input
                  type="text"
                  inputmode="numeric"
                  id={`period-${field}`}
                  name={field}
                  value={choice.form[field]}
                  maxlength={8}
                  size={6}
                  autocomplete="off"
                  aria-invalid={invalid(field)}
                  aria-describedby={
                    invalid(field) ? `period-${field}-hint period-problems` : `period-${field}-hint`
                  }
                />
              </div>
            ))}
          </div>
          <button type="submit">{t('officials.score.apply')}</button>
        </fieldset>
      </form>
    </>
  );
}
