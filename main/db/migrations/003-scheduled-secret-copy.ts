/**
 * `scheduled_copy`: when the user allows scheduled syncs (`sync.allowScheduled`), a secret row also keeps
 * a copy sealed with the file-key cipher, so the CLI — which cannot reach the OS keychain — can still
 * read it. NULL otherwise; switching the option off clears every copy. Owned by main/settings/.
 * Forward-only.
 */
export const migration003 = {
  version: 3,
  name: 'scheduled-secret-copy',
  sql: `
ALTER TABLE settings ADD COLUMN scheduled_copy TEXT;
`,
};
