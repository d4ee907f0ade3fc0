/*
 * Reads the fuse wire of every packaged app electron-builder left in a folder (default dist/) and
 * compares it with `electronFuses` in electron-builder.yml. Run by .github/workflows/release.yml on the
 * SHIPPED build, which Playwright cannot drive (its inspect fuse is closed); exits 1 on any difference.
 *
 *   npx tsx tests/electron-smoke/check-fuses.ts [DIST_DIR]
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { load } from 'js-yaml';

const PRODUCT = 'Barsy Mailchimp Sync';
/** A fuse's byte on the wire: ASCII '1' on, '0' off (@electron/fuses' FuseState, not exported by its index). */
const ON = 0x31;
const OFF = 0x30;
const REPO = path.resolve(import.meta.dirname, '../..');

/** electron-builder's option names → their place on Electron's fuse wire. */
export const FUSE_INDEX = {
  runAsNode: FuseV1Options.RunAsNode,
  enableCookieEncryption: FuseV1Options.EnableCookieEncryption,
  enableNodeOptionsEnvironmentVariable: FuseV1Options.EnableNodeOptionsEnvironmentVariable,
  enableNodeCliInspectArguments: FuseV1Options.EnableNodeCliInspectArguments,
  enableEmbeddedAsarIntegrityValidation: FuseV1Options.EnableEmbeddedAsarIntegrityValidation,
  onlyLoadAppFromAsar: FuseV1Options.OnlyLoadAppFromAsar,
  loadBrowserProcessSpecificV8Snapshot: FuseV1Options.LoadBrowserProcessSpecificV8Snapshot,
  grantFileProtocolExtraPrivileges: FuseV1Options.GrantFileProtocolExtraPrivileges,
} as const;
export type FuseName = keyof typeof FUSE_INDEX;

/** The fuses electron-builder.yml sets (options that are not fuses, e.g. resetAdHocDarwinSignature, dropped). */
export function configuredFuses(builderYml: string): Partial<Record<FuseName, boolean>> {
  const cfg = load(builderYml) as { electronFuses?: Record<string, unknown> };
  const out: Partial<Record<FuseName, boolean>> = {};
  for (const [k, v] of Object.entries(cfg.electronFuses ?? {})) if (k in FUSE_INDEX && typeof v === 'boolean') out[k as FuseName] = v;
  return out;
}

/** "name: expected X, binary has Y" for every configured fuse the binary's wire does not match. */
export async function fuseMismatches(binary: string, expected: Partial<Record<FuseName, boolean>>): Promise<string[]> {
  const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
  const out: string[] = [];
  for (const [name, want] of Object.entries(expected) as Array<[FuseName, boolean]>) {
    const have = wire[FUSE_INDEX[name]];
    const wanted = want ? ON : OFF;
    if (have !== wanted) out.push(`${name}: expected ${want ? 'on' : 'off'}, binary has ${have === ON ? 'on' : have === OFF ? 'off' : String(have)}`);
  }
  return out;
}

/** The unpacked executables (Windows) or .app bundles (macOS) in an electron-builder output folder. */
export function packagedBinaries(dist: string): string[] {
  const candidates = [
    path.join(dist, 'win-unpacked', `${PRODUCT}.exe`),
    ...['mac', 'mac-arm64', 'mac-universal'].map((d) => path.join(dist, d, `${PRODUCT}.app`)),
  ];
  return candidates.filter((p) => fs.existsSync(p));
}

async function main(): Promise<number> {
  const dist = path.resolve(process.argv[2] ?? path.join(REPO, 'dist'));
  const expected = configuredFuses(fs.readFileSync(path.join(REPO, 'electron-builder.yml'), 'utf8'));
  const binaries = packagedBinaries(dist);
  if (binaries.length === 0) {
    console.error(`no packaged app in ${dist}`);
    return 1;
  }
  let bad = 0;
  for (const bin of binaries) {
    const wrong = await fuseMismatches(bin, expected);
    console.log(`${wrong.length ? 'FAIL' : 'ok  '} ${bin}${wrong.map((w) => `\n     ${w}`).join('')}`);
    bad += wrong.length;
  }
  return bad ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main().then((code) => process.exit(code), (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
}
