import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The sample Barsy exports in `samples/` (the demo uses the cp1251 one, as Barsy writes it). */
export type SampleName = 'clients-cp1251.csv' | 'clients-utf8.csv' | 'representatives-long.csv' | 'representatives-wide.csv';

export type SampleLookup = {
  /** Electron's `process.resourcesPath` (set in the app and in its Node mode); undefined under plain Node. */
  resourcesPath?: string | undefined;
  /** The module asking; its folders are searched upwards for the repository's `samples/`. */
  fromUrl?: string;
};

/**
 * Where a sample export is. In the installed app `samples/` ships beside `app.asar` (electron-builder
 * `extraResources` → `<resources>/samples`); from the source tree or a build in `out/` it is the
 * repository's `samples/`, found by walking up from this module (sources sit one level below the root,
 * bundles two or three, test builds in tests/output/ a few more). The CLI run by the packaged app
 * (`app.asar/out/cli/main.js`) finds `<resources>/samples` that way too, should resourcesPath be unset.
 */
export function samplePath(name: SampleName, lookup: SampleLookup = {}): string {
  const resources = 'resourcesPath' in lookup ? lookup.resourcesPath : (process as { resourcesPath?: string }).resourcesPath;
  if (resources) {
    const packaged = path.join(resources, 'samples', name);
    if (fs.existsSync(packaged)) return packaged;
  }
  const start = path.dirname(fileURLToPath(lookup.fromUrl ?? import.meta.url));
  for (let dir = start, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'samples', name);
    if (fs.existsSync(candidate)) return candidate;
  }
  // Not found anywhere: name the repository's path, so the import reports a clear "file not found".
  return path.resolve(start, '..', '..', 'samples', name);
}
