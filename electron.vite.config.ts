import fs from 'node:fs';
import path from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig, type UserConfig as ElectronViteConfig } from 'electron-vite';
import { loadConfigFromFile, type Plugin, type PluginOption, type UserConfig } from 'vite';
import { contentSecurityPolicy } from './main/electron/csp.js';

/**
 * Builds the desktop app into out/:
 *   out/main/index.js         Electron main (package.json "main")
 *   out/main/engine-host.js   the engine, run in a utilityProcess
 *   out/cli/main.js           the CLI, for `ELECTRON_RUN_AS_NODE=1 <app> out/cli/main.js …` (scheduled syncs)
 *   out/preload/index.cjs     the sandboxed preload (CommonJS, everything but `electron` bundled)
 *   out/renderer/             the React UI, loaded from file://
 * Runtime dependencies (better-sqlite3 and the rest of package.json "dependencies") stay external and
 * ship in node_modules; electron-builder rebuilds better-sqlite3 for Electron.
 */
const root = import.meta.dirname;
const r = (p: string) => path.resolve(root, p);
/** `out/` unless BARSY_OUT_DIR says otherwise (tests build into their own folder). */
const out = (p = '') => path.resolve(root, process.env.BARSY_OUT_DIR ?? 'out', p);

/** Empties out/main and out/cli only: out/ also holds the UI helper's browser build (out/renderer-web). */
function cleanMainOutput(): Plugin {
  return {
    name: 'barsy-clean-main-output',
    apply: 'build',
    buildStart() {
      for (const d of ['main', 'cli']) fs.rmSync(out(d), { recursive: true, force: true });
    },
  };
}

/** The production CSP as a meta tag too: file:// responses have no headers for the session hook to amend. */
function cspMetaTag(): Plugin {
  // frame-ancestors is ignored (with a console warning) in a meta tag; the header carries it.
  const policy = contentSecurityPolicy()
    .split('; ')
    .filter((d) => !d.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'barsy-csp-meta',
    apply: 'build',
    transformIndexHtml(html) {
      if (/http-equiv=["']Content-Security-Policy["']/i.test(html)) return html;
      const tag = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
      // Right after <meta charset>, which must stay first, and before any script or style.
      return /<meta charset[^>]*>/i.test(html) ? html.replace(/(<meta charset[^>]*>)/i, `$1\n    ${tag}`) : html.replace('<head>', `<head>\n    ${tag}`);
    },
  };
}

/**
 * JSON files of dependencies (nodemailer's service list) are bundled: rolldown drops the
 * `with { type: 'json' }` attribute from external imports, and Node refuses a JSON import without it.
 */
function bundleJsonOfDeps(): Plugin {
  return {
    name: 'barsy-bundle-json-of-deps',
    apply: 'build',
    options(opts) {
      const list = opts.external;
      if (!Array.isArray(list)) return null;
      const matches = (id: string) => list.some((e) => (typeof e === 'string' ? e === id : e instanceof RegExp && e.test(id)));
      return { ...opts, external: (id: string) => !id.endsWith('.json') && matches(id) };
    },
  };
}

/** Plugins, aliases and CSS settings of the UI helper's renderer/vite.config.ts, if it exists. */
async function rendererBase(env: { command: 'build' | 'serve'; mode: string }): Promise<Pick<UserConfig, 'plugins' | 'resolve' | 'css' | 'define'>> {
  const file = r('renderer/vite.config.ts');
  if (!fs.existsSync(file)) return { plugins: [react()] };
  const loaded = await loadConfigFromFile(env, file, root, 'silent');
  const c = loaded?.config ?? {};
  return { plugins: (c.plugins as PluginOption[] | undefined) ?? [react()], resolve: c.resolve, css: c.css, define: c.define };
}

export default defineConfig(async (env): Promise<ElectronViteConfig> => {
  const ui = await rendererBase(env);
  return {
    main: {
      plugins: [cleanMainOutput(), bundleJsonOfDeps()],
      build: {
        outDir: out(),
        emptyOutDir: false,
        externalizeDeps: true,
        sourcemap: false,
        rolldownOptions: {
          input: {
            'main/index': r('main/electron/index.ts'),
            'main/engine-host': r('main/electron/engine-host/host-main.ts'),
            'cli/main': r('main/cli/main.ts'),
          },
          external: ['better-sqlite3'],
          output: { entryFileNames: '[name].js', chunkFileNames: 'main/chunks/[name]-[hash].js' },
        },
      },
    },
    preload: {
      build: {
        outDir: out('preload'),
        emptyOutDir: true,
        // Sandboxed preloads cannot require node_modules: bundle zod and the contract into the file.
        externalizeDeps: false,
        rolldownOptions: {
          input: { index: r('preload/index.ts') },
          output: { format: 'cjs', entryFileNames: '[name].cjs' },
        },
      },
    },
    renderer: {
      ...ui,
      root: r('renderer'),
      base: './',
      build: {
        outDir: out('renderer'),
        emptyOutDir: true,
        chunkSizeWarningLimit: 1500,
        rolldownOptions: { input: { index: r('renderer/index.html') } },
      },
      plugins: [...(ui.plugins ?? []), cspMetaTag()],
    },
  };
});
