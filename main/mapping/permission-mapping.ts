import type { AppContext } from '../context/app-context.js';
import type { Db } from '../db/open-database.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { rethrowAsAppFailure } from '../mailchimp/to-app-error.js';
import { requireListId } from './mailchimp-access.js';

/** The permission new members get (`permissionId` null: decided "none"); undefined when never decided. */
export type PermissionMapping = { permissionId: string | null; permissionText: string | null };

/** The audience's marketing permissions and the mapping, for the Fields step and `map list`. */
export type PermissionsView = {
  /** The audience has GDPR fields. */
  enabled: boolean;
  permissions: Array<{ id: string; text: string }>;
  mapping: PermissionMapping | null;
  /** The mapped permission is no longer among the audience's. */
  missingInMailchimp: boolean;
};

/** The stored mapping of an audience. */
export function getPermissionMapping(db: Db, listId: string): PermissionMapping | null {
  const row = db.prepare<[string], { permission_id: string | null; permission_text: string | null }>('SELECT permission_id, permission_text FROM permission_mappings WHERE list_id = ?').get(listId);
  return row ? { permissionId: row.permission_id, permissionText: row.permission_text } : null;
}

/** Stores (or replaces) the audience's mapping. */
export function savePermissionMapping(db: Db, listId: string, m: PermissionMapping): void {
  db.prepare(
    `INSERT INTO permission_mappings (list_id, permission_id, permission_text, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(list_id) DO UPDATE SET permission_id = excluded.permission_id, permission_text = excluded.permission_text, updated_at = excluded.updated_at`,
  ).run(listId, m.permissionId, m.permissionText, new Date().toISOString());
}

async function readPermissions(ctx: AppContext, api?: MailchimpApi) {
  try {
    return await (api ?? (await createMailchimpClientFromSettings(ctx))).getMarketingPermissions(requireListId(ctx));
  } catch (err) {
    return rethrowAsAppFailure(err);
  }
}

/** The audience's permissions as Mailchimp lists them, with the stored mapping. */
export async function getPermissions(ctx: AppContext, api?: MailchimpApi): Promise<PermissionsView> {
  const listId = requireListId(ctx);
  const { enabled, permissions } = await readPermissions(ctx, api);
  const mapping = getPermissionMapping(ctx.db, listId);
  const id = mapping?.permissionId ?? null;
  return { enabled, permissions, mapping, missingInMailchimp: id !== null && !permissions.some((p) => p.id === id) };
}

/**
 * Maps the permission new members get, or `null` ("none"). The permission must be one of the audience's
 * (`mapping_unknown_permission` otherwise; an audience without GDPR fields has none).
 */
export async function setPermissionMapping(ctx: AppContext, permissionId: string | null, api?: MailchimpApi): Promise<PermissionMapping> {
  const listId = requireListId(ctx);
  if (permissionId === null) {
    const none = { permissionId: null, permissionText: null };
    savePermissionMapping(ctx.db, listId, none);
    return none;
  }
  const { permissions } = await readPermissions(ctx, api);
  const found = permissions.find((p) => p.id === permissionId);
  if (!found) throw new AppFailure('mapping_unknown_permission', { permissionId, known: permissions.map((p) => `${p.id} (${p.text})`).join(', ') || '—' });
  const m = { permissionId: found.id, permissionText: found.text };
  savePermissionMapping(ctx.db, listId, m);
  return m;
}
