import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAppContext } from '../../main/app/create-app-context.js';
import type { AppContext } from '../../main/context/app-context.js';
import { openDatabase, type Db } from '../../main/db/open-database.js';
import { createFileKeyCipher, type SecretCipher } from '../../main/settings/secret-cipher.js';
import { createSettingsStore } from '../../main/settings/settings-store.js';
import { AppFailure } from '../../shared/domain/app-error.js';

const API_KEY = '0123456789abcdef0123456789abcdef-us21';
const NEW_KEY = 'fedcba9876543210fedcba9876543210-us6';
const SMTP_PASS = 'correct horse battery staple';

/** Stands in for the keychain cipher: only a process holding the "keychain" (the app) can read it. */
const fakeKeychain: SecretCipher = {
  kind: 'os-keychain',
  encrypt: (plain) => `kc1:${Buffer.from(plain, 'utf8').toString('hex')}`,
  decrypt: (sealed) => {
    if (!sealed.startsWith('kc1:')) throw new Error('not a keychain value');
    return Buffer.from(sealed.slice(4), 'hex').toString('utf8');
  },
};

type Row = { key: string; value: string; scheduled_copy: string | null };

const failureCode = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return err instanceof AppFailure ? err.appError.code : `not an AppFailure: ${String(err)}`;
  }
  return undefined;
};

describe('scheduled-sync copies of secrets', () => {
  let dir: string;
  let app: AppContext;
  let cliDb: Db;
  const cli = () => createSettingsStore(cliDb, createFileKeyCipher(dir));
  const secretRows = () => app.db.prepare<[], Row>("SELECT key, value, scheduled_copy FROM settings WHERE key IN ('mailchimp.apiKey', 'smtp.pass') ORDER BY key").all();

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-sched-'));
    const dbPath = path.join(dir, 'barsy-sync.sqlite');
    // The app context as the engine host builds it: keychain cipher in, file-key cipher added inside.
    app = createAppContext({ dbPath, cipher: fakeKeychain });
    app.settings.set('mailchimp.apiKey', API_KEY);
    app.settings.set('smtp.pass', SMTP_PASS);
    // The CLI: a second connection to the same file, with only the file-key cipher.
    cliDb = openDatabase(dbPath);
  });

  afterEach(async () => {
    cliDb.close();
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('is off by default: the CLI cannot read keychain secrets and no copy is kept', () => {
    expect(app.settings.view().values['sync.allowScheduled']).toBe('false');
    expect(app.settings.get('mailchimp.apiKey')).toBe(API_KEY);
    expect(failureCode(() => cli().get('mailchimp.apiKey'))).toBe('secret_unavailable');
    expect(failureCode(() => cli().get('smtp.pass'))).toBe('secret_unavailable');
    expect(secretRows().every((r) => r.scheduled_copy === null)).toBe(true);
  });

  it('switched on, seals copies of the existing secrets at once, which the CLI reads', () => {
    app.settings.set('sync.allowScheduled', 'true');
    expect(app.settings.view().values['sync.allowScheduled']).toBe('true');
    const rows = secretRows();
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.value.startsWith('kc1:')).toBe(true);
      expect(row.scheduled_copy?.startsWith('fk1:')).toBe(true);
      expect(row.scheduled_copy).not.toContain(API_KEY);
      expect(row.scheduled_copy).not.toContain(SMTP_PASS);
    }
    expect(cli().get('mailchimp.apiKey')).toBe(API_KEY);
    expect(cli().get('smtp.pass')).toBe(SMTP_PASS);
    // The app still reads its own keychain value.
    expect(app.settings.get('mailchimp.apiKey')).toBe(API_KEY);
  });

  it('updates the copy when a secret is set after enabling, and drops it when the secret is cleared', () => {
    app.settings.set('sync.allowScheduled', 'true');
    const before = secretRows().find((r) => r.key === 'mailchimp.apiKey')?.scheduled_copy;
    app.settings.set('mailchimp.apiKey', NEW_KEY);
    const after = secretRows().find((r) => r.key === 'mailchimp.apiKey');
    expect(after?.scheduled_copy).not.toBe(before);
    expect(after?.scheduled_copy).not.toContain(NEW_KEY);
    expect(cli().get('mailchimp.apiKey')).toBe(NEW_KEY);
    app.settings.set('smtp.pass', '');
    expect(secretRows().map((r) => r.key)).toEqual(['mailchimp.apiKey']);
    expect(cli().get('smtp.pass')).toBeUndefined();
  });

  it('switched off, deletes every copy and the CLI is back to secret_unavailable', () => {
    app.settings.set('sync.allowScheduled', 'true');
    expect(cli().get('mailchimp.apiKey')).toBe(API_KEY);
    app.settings.set('sync.allowScheduled', 'false');
    const raw = app.db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM settings WHERE scheduled_copy IS NOT NULL').get();
    expect(raw?.n).toBe(0);
    expect(failureCode(() => cli().get('mailchimp.apiKey'))).toBe('secret_unavailable');
    // A secret set while off gets no copy either.
    app.settings.set('smtp.pass', 'another one');
    expect(secretRows().every((r) => r.scheduled_copy === null)).toBe(true);
  });

  it('clearing the option (empty value) also deletes the copies', () => {
    app.settings.set('sync.allowScheduled', 'true');
    app.settings.set('sync.allowScheduled', '');
    expect(secretRows().every((r) => r.scheduled_copy === null)).toBe(true);
    expect(app.settings.get('sync.allowScheduled')).toBe('false');
  });

  it('rejects values other than true/false', () => {
    expect(failureCode(() => app.settings.set('sync.allowScheduled', 'yes'))).toBe('setting_invalid');
  });
});
