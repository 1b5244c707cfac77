/**
 * A strict RFC 4180 reader (CRLF records, leading byte-order mark), written apart from the code
 * under test so a quoting mistake in an export fails the tests.
 */
export function parseCsv(text: string): string[][] {
  if (!text.startsWith('\uFEFF')) throw new Error('no byte order mark');
  const rows: string[][] = [];
  let i = 1;
  while (i < text.length) {
    const row: string[] = [];
    for (;;) {
      const [field, next] = readField(text, i);
      row.push(field);
      i = next;
      if (text[i] === ',') i += 1;
      else if (text.startsWith('\r\n', i)) {
        i += 2;
        break;
      } else if (i >= text.length) break;
      else throw new Error(`unexpected ${JSON.stringify(text[i])} at ${i}`);
    }
    rows.push(row);
  }
  return rows;
}

function readField(text: string, start: number): [string, number] {
  if (text[start] !== '"') {
    let end = start;
    while (end < text.length && !',\r\n"'.includes(text[end]!)) end += 1;
    if (text[end] === '"') throw new Error(`stray quote at ${end}`);
    return [text.slice(start, end), end];
  }
  let field = '';
  let i = start + 1;
  for (;;) {
    const quote = text.indexOf('"', i);
    if (quote < 0) throw new Error(`unterminated quote from ${start}`);
    field += text.slice(i, quote);
    if (text[quote + 1] !== '"') return [field, quote + 1];
    field += '"';
    i = quote + 2;
  }
}
