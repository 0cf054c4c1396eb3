import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CsvRecordParser, type ParsedRecord } from '../../../electron/core/sources/csv/record-parser';
import { sniffCsv } from '../../../electron/core/sources/csv/sniff';
import { FIXTURES } from '../../helpers/csv-harness';

function parseAll(text: string, delimiter = ',', chunk = text.length || 1): ParsedRecord[] {
  const out: ParsedRecord[] = [];
  const p = new CsvRecordParser(delimiter);
  for (let i = 0; i < text.length; i += chunk) p.push(text.slice(i, i + chunk), false, (r) => out.push(r));
  p.push('', true, (r) => out.push(r));
  return out;
}

test('quotes, "" escapes, embedded line breaks and CRLF make one record each, with the starting line', () => {
  const recs = parseAll('a,b\r\n"x,1","say ""hi""\r\nmore"\r\nlast,"\n"\n');
  assert.deepEqual(recs.map((r) => r.fields), [['a', 'b'], ['x,1', 'say "hi"\r\nmore'], ['last', '\n']]);
  assert.deepEqual(recs.map((r) => r.line), [1, 2, 4]);
  assert.equal(recs[1]?.raw, '"x,1","say ""hi""\r\nmore"');
});

test('lone CR ends a record; an empty line is blank, not a record; no terminator at EOF is fine', () => {
  const recs = parseAll('a,b\rc,d\n\ne,f');
  assert.deepEqual(recs.map((r) => [r.blank, r.line, r.fields.join('|')]), [[false, 1, 'a|b'], [false, 2, 'c|d'], [true, 3, ''], [false, 4, 'e|f']]);
});

test('chunk boundaries anywhere give the same records as one piece (real sample, odd chunk sizes)', () => {
  const text = readFileSync(join(FIXTURES, 'samples', 'csv', 'events.csv'), 'utf8');
  const whole = parseAll(text);
  assert.equal(whole.filter((r) => !r.blank).length, 382); // header + 381
  for (const size of [3, 7, 4093]) {
    const pieces = parseAll(text, ',', size);
    assert.deepEqual(pieces.map((r) => [r.line, r.fields]), whole.map((r) => [r.line, r.fields]), `chunk size ${size}`);
  }
});

test('a quote left open costs one line: the rest of the file is still read', () => {
  const recs = parseAll('id,msg\n1,"open\n2,ok\n3,ok\n');
  assert.deepEqual(recs.map((r) => [r.line, r.error ? 'ERR' : r.fields.join('|')]), [[1, 'id|msg'], [2, 'ERR'], [3, '2|ok'], [4, '3|ok']]);
  assert.equal(recs[1]?.raw, '1,"open');
});

test('text after a closing quote and quotes inside unquoted fields are kept as data', () => {
  assert.deepEqual(parseAll('"a"b,c"d"\n')[0]?.fields, ['ab', 'c"d"']);
});

test('sniffer picks the delimiter that splits consistently, and the header', () => {
  const semi = sniffCsv(readFileSync(join(FIXTURES, 'csv', 'semicolon.csv'), 'utf8'), true);
  assert.ok(semi.ok && semi.layout.delimiter === ';' && semi.layout.hasHeader && semi.layout.columnCount === 4);
  const noHeader = sniffCsv(readFileSync(join(FIXTURES, 'csv', 'no-header.csv'), 'utf8'), true);
  assert.ok(noHeader.ok && noHeader.layout.delimiter === ',' && !noHeader.layout.hasHeader && noHeader.layout.columnCount === 4);
  const pipe = sniffCsv('a|b|c\n1|2|3\n4|5|6\n', true);
  assert.ok(pipe.ok && pipe.layout.delimiter === '|');
});

test('sniffer refuses prose, JSON, space-separated flow logs and control characters', () => {
  const prose = 'It was a dark and stormy night.\nThe rain fell in torrents, except at occasional intervals\nwhen it was checked by a violent gust of wind\nwhich swept up the streets.\n';
  assert.equal(sniffCsv(prose, true).ok, false);
  assert.equal(sniffCsv('{"Records":[{"eventName":"a","x":1},{"eventName":"b"}]}', true).ok, false);
  const flow = readFileSync(join(FIXTURES, 'samples', 'vpcflow', 'valid_vpc_flow_log_multi.log'), 'utf8');
  assert.equal(sniffCsv(flow, true).ok, false);
  assert.equal(sniffCsv('a,b\n1,\u0001\u0002\u0003\u0004\n', true).ok, false);
});
