import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from './csv.ts';

/** A minimal RFC 4180 reader, to check that what we write reads back as it was meant. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  return rows;
}

describe('csvCell', () => {
  it.each([
    { value: 'plain', cell: 'plain' },
    { value: 'with, comma', cell: '"with, comma"' },
    { value: 'say "hi"', cell: '"say ""hi"""' },
    { value: 'two\nlines', cell: '"two\nlines"' },
    { value: ' padded ', cell: '" padded "' },
    { value: '=SUM(A1:A9)', cell: "'=SUM(A1:A9)" },
    { value: '+1 555 0100', cell: "'+1 555 0100" },
    { value: '-2+3', cell: "'-2+3" },
    { value: '@import', cell: "'@import" },
    { value: '\tcmd', cell: "'\tcmd" },
    { value: '\rcmd', cell: '"\'\rcmd"' },
    { value: '-', cell: "'-" },
    { value: '=HYPERLINK("http://example.org","x")', cell: '"\'=HYPERLINK(""http://example.org"",""x"")"' },
    { value: 'a=b is fine inside', cell: 'a=b is fine inside' },
    { value: 42, cell: '42' },
    { value: true, cell: 'yes' },
    { value: false, cell: 'no' },
    { value: null, cell: '' },
    { value: undefined, cell: '' },
  ])('$value → $cell', ({ value, cell }) => {
    expect(csvCell(value)).toBe(cell);
  });
});

describe('toCsv', () => {
  it('writes a header and CRLF-terminated rows', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          ['1', 2],
          ['x,y', null],
        ],
      ),
    ).toBe('a,b\r\n1,2\r\n"x,y",\r\n');
  });

  it('reads back cell for cell, and no cell starts a formula', () => {
    // Seen failing once at random: a value such as "'@" was taken for an escaped "@" by the old check.
    expect(parseCsv(toCsv(['a', 'b', 'c'], [['', '', "'@"]]))[1]).toEqual(['', '', "'@"]);
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 3, maxLength: 3 }), { maxLength: 5 }), (rows) => {
        const parsed = parseCsv(toCsv(['a', 'b', 'c'], rows));
        expect(parsed[0]).toEqual(['a', 'b', 'c']);
        const cells = parsed.slice(1);
        expect(cells).toHaveLength(rows.length);
        cells.forEach((row, r) => {
          row.forEach((cell, c) => {
            expect(/^[=+\-@\t\r]/.test(cell)).toBe(false);
            // A value that would start a formula is written with a leading apostrophe; any other as it was.
            const value = rows[r]![c]!;
            expect(cell).toBe(/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
          });
        });
      }),
    );
  });
});
