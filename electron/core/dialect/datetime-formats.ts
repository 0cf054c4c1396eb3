// Presto's two date/time format languages converted to DuckDB strftime/strptime specifiers.
// Conversion happens at translate time on constant formats only; anything we cannot map exactly is refused
// (UnsupportedFormat) rather than approximated, so a query never silently formats or parses differently.

export type Direction = 'parse' | 'format';

export class UnsupportedFormat extends Error {}

// MySQL-style specifiers used by date_parse / date_format. [parse, format]
const MYSQL: Record<string, [string, string]> = {
  a: ['%a', '%a'], b: ['%b', '%b'], c: ['%m', '%-m'], d: ['%d', '%d'], e: ['%d', '%-d'], f: ['%f', '%f'],
  H: ['%H', '%H'], h: ['%I', '%I'], I: ['%I', '%I'], i: ['%M', '%M'], j: ['%j', '%j'], k: ['%H', '%-H'],
  l: ['%I', '%-I'], M: ['%B', '%B'], m: ['%m', '%m'], p: ['%p', '%p'], r: ['%I:%M:%S %p', '%I:%M:%S %p'],
  S: ['%S', '%S'], s: ['%S', '%S'], T: ['%H:%M:%S', '%H:%M:%S'], W: ['%A', '%A'], w: ['%w', '%w'],
  Y: ['%Y', '%Y'], y: ['%y', '%y'], '%': ['%%', '%%'],
};

export function mysqlToStrftime(fmt: string, dir: Direction): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const ch = fmt[i] as string;
    if (ch !== '%') { out += ch; continue; }
    const spec = fmt[++i];
    const mapped = spec === undefined ? undefined : MYSQL[spec];
    if (!mapped) throw new UnsupportedFormat(spec === undefined ? 'format ends with a lone %' : `format specifier %${spec} is not supported`);
    out += dir === 'parse' ? mapped[0] : mapped[1];
  }
  return out;
}

// Joda-Time patterns used by parse_datetime / format_datetime: a run of one letter is one field.
function jodaField(letter: string, n: number, dir: Direction): string {
  const unpadded = (padded: string, bare: string) => (n >= 2 || dir === 'parse' ? padded : bare);
  switch (letter) {
    case 'y': case 'Y': case 'x': return n === 2 ? '%y' : '%Y';
    case 'M': return n >= 4 ? '%B' : n === 3 ? '%b' : unpadded('%m', '%-m');
    case 'd': return unpadded('%d', '%-d');
    case 'H': return unpadded('%H', '%-H');
    case 'h': return unpadded('%I', '%-I');
    case 'm': return unpadded('%M', '%-M');
    case 's': return unpadded('%S', '%-S');
    case 'S': if (n === 3) return '%g'; if (n === 6) return '%f'; if (n === 9) return '%n'; break;
    case 'a': return '%p';
    case 'E': return n >= 4 ? '%A' : '%a';
    case 'D': if (n === 3) return '%j'; break;
    case 'Z': if (dir === 'parse') return '%z'; break;
    case 'z': if (dir === 'parse') return '%Z'; break;
  }
  throw new UnsupportedFormat(`pattern letter '${letter.repeat(n)}' is not supported`);
}

export function jodaToStrftime(fmt: string, dir: Direction): string {
  let out = '';
  let i = 0;
  while (i < fmt.length) {
    const ch = fmt[i] as string;
    if (ch === "'") {
      // Quoted literal; '' is a literal quote.
      const end = fmt.indexOf("'", i + 1);
      if (end === i + 1) { out += "'"; i += 2; continue; }
      if (end < 0) throw new UnsupportedFormat('unterminated quote in pattern');
      out += fmt.slice(i + 1, end).replace(/%/g, '%%');
      i = end + 1;
      continue;
    }
    if (/[A-Za-z]/.test(ch)) {
      let n = 1;
      while (fmt[i + n] === ch) n++;
      out += jodaField(ch, n, dir);
      i += n;
      continue;
    }
    out += ch === '%' ? '%%' : ch;
    i++;
  }
  return out;
}
