// Builds the workbench into dist/renderer/. Everything (Monaco and its worker included) is bundled locally:
// the app runs air-gapped, so nothing may be fetched from a CDN.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const outDir = fileURLToPath(new URL('../dist/renderer', import.meta.url));

/**
 * tsc also writes the Node-testable stores to dist/renderer/{stores,lib}; emptying the whole folder would
 * delete them, so only the bundle's own outputs are removed before a build.
 */
function cleanBundle(): Plugin {
  return {
    name: 'cairn-clean-bundle',
    apply: 'build',
    buildStart() {
      for (const p of ['assets', 'index.html']) rmSync(join(outDir, p), { recursive: true, force: true });
    },
  };
}

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [cleanBundle()],
  oxc: { jsx: { runtime: 'automatic', importSource: 'react' } },
  build: {
    outDir,
    emptyOutDir: false,
    target: 'es2022',
    chunkSizeWarningLimit: 4096,
    sourcemap: process.env.CAIRN_SOURCEMAP === "1",
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1' },
});
