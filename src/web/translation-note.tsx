/**
 * A text shown in a language other than the page's: its `lang` attribute, so screen readers
 * pronounce it right, and the visible note that says so (labels in messages/{es,en}/common.json).
 */
import type { Locale } from '../config.ts';
import type { TranslationState } from '../db/enums.ts';
import type { PageContext } from './i18n.ts';

/** The `lang` of a text shown in this state: the other language when it is missing here. */
export const langOf = (ctx: PageContext, state: TranslationState): Locale | undefined =>
  state === 'missing' ? (ctx.locale === 'es' ? 'en' : 'es') : undefined;

/**
 * Says when a text is not in the page language, or was machine-translated: a paragraph, or
 * `inline` a span to put after the text (list items, table captions).
 */
export function TranslationNote({
  ctx,
  state,
  inline = false,
}: {
  ctx: PageContext;
  state: TranslationState;
  inline?: boolean;
}) {
  if (state !== 'missing' && state !== 'machine') return null;
  const note = ctx.t(`translation.${state}`);
  return inline ? (
    <span class="translation-note meta"> ({note})</span>
  ) : (
    <p class="translation-note meta">{note}</p>
  );
}

/** A text in the state it was picked in, wrapped with its `lang` and followed by the inline note. */
export function Shown({
  ctx,
  text,
  state,
}: {
  ctx: PageContext;
  text: string;
  state: TranslationState;
}) {
  return (
    <>
      <span lang={langOf(ctx, state)}>{text}</span>
      <TranslationNote ctx={ctx} state={state} inline />
    </>
  );
}
