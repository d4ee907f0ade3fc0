import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Standalone renderer build for the browser test bridge (`npm run build:renderer`), run from the
 * repository root. It writes to `out/renderer-web/` so it never clobbers electron-vite's `out/renderer/`.
 * `browser-api.js` (preload/browser-api.ts) is a second entry: the bridge injects it before the app.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../out/renderer-web',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: { index: 'renderer/index.html', 'browser-api': 'preload/browser-api.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'browser-api' ? 'browser-api.js' : 'assets/[name]-[hash].js') },
    },
  },
});
