// Attacker-controlled strings a log record can carry, for the report-escaping tests.
export const HOSTILE = {
  script: '<script>alert(1)</script>',
  img: '<img src=x onerror=alert(1)>',
  jsLink: '[click me](javascript:alert(1))',
  image: '![pixel](http://evil.example/p.png)',
  autolink: '<http://evil.example/a> www.evil.example http://evil.example/b',
  ansi: '\u001b[31mRED\u001b[0m\u001b]8;;http://evil.example\u0007link\u001b]8;;\u0007',
  bidi: 'invoice\u202Egpj.exe',
  zeroWidth: 'ad\u200Bmin\u200D\uFEFF',
  formula: '=HYPERLINK("http://evil.example","x")',
  pipeTick: 'a|b`c``d|',
  heading: '# not a heading\n- not a list',
  emphasis: '*bold* _under_ **strong**',
  style: '</style><style>*{background:url(http://evil.example/css)}</style>',
} as const;

export const HOSTILE_VALUES: string[] = Object.values(HOSTILE);
/** Characters that must never reach a report raw. */
export const INVISIBLE_RAW = /[\u001b\u0007\u202e\u200b\u200d\ufeff]/;
