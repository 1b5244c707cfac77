import { describe, expect, it } from 'vitest';
import { fold, matchesQuery, Paragraphs } from './text.tsx';

describe('Paragraphs', () => {
  it('splits on blank lines, joins wrapped lines, escapes HTML', () => {
    const html = String(
      <Paragraphs
        text={'One <b>line</b>\nwrapped.\n\n- **Bold** item\n  continued\n- two\n\nEnd & *so*.'}
      />,
    );
    expect(html).toBe(
      '<p>One &lt;b&gt;line&lt;/b&gt; wrapped.</p><ul><li><strong>Bold</strong> item continued</li><li>two</li></ul><p>End &amp; so.</p>',
    );
  });
});

describe('matchesQuery', () => {
  it('ignores accents and case, and needs every word', () => {
    expect(fold('Policía ÁÉÍ')).toBe('policia aei');
    expect(matchesQuery('¿La policía me puede preguntar?', 'POLICIA preguntar')).toBe(true);
    expect(matchesQuery('¿La policía me puede preguntar?', 'policía escuela')).toBe(false);
  });
});
