import { z } from 'zod';
import { removalPolicySchema } from './sync.js';

/**
 * Every setting the product keeps, with the schema its value must satisfy. Values are stored as text;
 * `parse` turns the text a user typed (CLI) or sent (UI) into the typed value.
 */
export const settingSchemas = {
  'mailchimp.apiKey': z.string().regex(/^[0-9a-zA-Z]+-[a-z]+[0-9]+$/, 'key format is <hex>-<dc>'),
  'mailchimp.listId': z.string().min(1),
  'mailchimp.baseUrl': z.string().url().or(z.literal('')),
  /** The connected account's name as Mailchimp gave it (set by mailchimp:connect / mailchimp:demo), shown after a restart. */
  'mailchimp.accountName': z.string().max(200),
  'report.email': z.string().email().or(z.literal('')),
  'smtp.service': z.string(),
  'smtp.host': z.string(),
  'smtp.port': z.coerce.number().int().min(1).max(65535),
  'smtp.secure': z.enum(['true', 'false']).transform((v) => v === 'true'),
  'smtp.user': z.string(),
  'smtp.pass': z.string(),
  'smtp.from': z.string(),
  /** A typed host without SSL: `true` lets the password go without STARTTLS (the user chose "no encryption"). */
  'smtp.noEncryption': z.enum(['true', 'false']),
  'sync.removalPolicy': removalPolicySchema,
  /** `split`: FNAME = first word, LNAME = the rest; `whole`: the whole name into FNAME. */
  'sync.nameMode': z.enum(['split', 'whole']),
  /** Opt-in: also keep secrets under the file key so the CLI (scheduled syncs) can read them. */
  'sync.allowScheduled': z.enum(['true', 'false']),
  /** Requests a sync keeps in flight at most: Mailchimp's 10 connections are shared by the whole account (web shop, forms). */
  'sync.maxConnections': z.coerce.number().int().min(1).max(10),
  /** The folder Barsy exports are saved in: new or changed CSV files there are imported and synced (`barsy-sync watch`, the app, scheduled runs). */
  'watch.folder': z.string().max(1000),
  'ui.language': z.enum(['bg', 'en']),
  'ui.wizardStep': z.string(),
  /** Download updates in the background and install them when the app quits (never during a sync). */
  'app.autoUpdate': z.enum(['true', 'false']),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export const SETTING_KEYS = Object.keys(settingSchemas) as SettingKey[];
export const settingKeySchema = z.enum(SETTING_KEYS as [SettingKey, ...SettingKey[]]);

/** Settings encrypted at rest and never logged, shown only as "set / not set". */
export const SECRET_SETTING_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>(['mailchimp.apiKey', 'smtp.pass']);

export const SETTING_DEFAULTS: Partial<Record<SettingKey, string>> = {
  'sync.removalPolicy': 'leave',
  'sync.nameMode': 'split',
  'sync.allowScheduled': 'false',
  'sync.maxConnections': '5',
  'smtp.noEncryption': 'false',
  'ui.language': 'bg',
  'mailchimp.baseUrl': '',
  'app.autoUpdate': 'true',
};

/** Settings as shown to the UI: secrets replaced by whether they are set. */
export const settingsViewSchema = z.object({
  values: z.record(z.string(), z.string()),
  secretsSet: z.record(z.string(), z.boolean()),
  /** `os-keychain` in the app; `fallback-file-key` for the CLI and tests (documented in README). */
  secretStorage: z.enum(['os-keychain', 'fallback-file-key']),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;
