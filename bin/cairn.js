#!/usr/bin/env node
'use strict';
// A closed pipe (cairn query ... | head) is the reader saying "enough", not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e) => { if (e && e.code === 'EPIPE') process.exit(process.exitCode ?? 0); else throw e; });
}
require('../dist/electron/cli.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
