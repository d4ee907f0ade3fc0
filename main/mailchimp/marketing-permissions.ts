/**
 * An audience's marketing permissions (GDPR fields). Mailchimp has no route that lists them: the list
 * only says whether it has any (`marketing_permissions: true`, list-id.yml), and every member carries all
 * of them with the contact's choice (`marketing_permissions[]` of `{marketing_permission_id, text,
 * enabled}`, members.yml). So the ids and texts are read from one member.
 */
import { z } from 'zod';
import { marketingPermissionSchema, pageSchema } from './schemas.js';
import type { SdkApiClient } from './sdk-transport.js';

/** A permission of the audience: the id to send on a member, and its text as the owner wrote it. */
export type AudiencePermission = { id: string; text: string };

/**
 * `enabled`: the audience has GDPR fields. `permissions` is empty when it has none, or when it has them
 * but no contact yet to read them from.
 */
export type MarketingPermissions = { enabled: boolean; permissions: AudiencePermission[] };

type Get = <S extends z.ZodType>(op: string, schema: S, call: (sdk: SdkApiClient) => Promise<unknown>) => Promise<z.output<S>>;

const listFlagSchema = z.looseObject({ marketing_permissions: z.boolean().optional().default(false) });
const memberPermissionsSchema = pageSchema('members', z.looseObject({ marketing_permissions: z.array(marketingPermissionSchema).optional() }));

/** Reads the audience's permissions: its flag, then the permissions of the first member that has them. */
export async function readMarketingPermissions(listId: string, get: Get): Promise<MarketingPermissions> {
  // https://mailchimp.com/developer/marketing/api/lists/get-list-info/
  const list = await get('GET /lists/{list_id}', listFlagSchema, (sdk) => sdk.lists.getList(listId, { fields: ['marketing_permissions'] }));
  if (!list.marketing_permissions) return { enabled: false, permissions: [] };
  // https://mailchimp.com/developer/marketing/api/list-members/list-members-info/
  const page = await get('GET /lists/{list_id}/members', memberPermissionsSchema, (sdk) =>
    sdk.lists.getListMembersInfo(listId, { count: 10, fields: ['members.marketing_permissions', 'total_items'] }),
  );
  const first = (page.members as Array<{ marketing_permissions?: z.output<typeof marketingPermissionSchema>[] }>).find((m) => (m.marketing_permissions?.length ?? 0) > 0);
  const permissions = (first?.marketing_permissions ?? []).map((p) => ({ id: p.marketing_permission_id, text: p.text }));
  return { enabled: true, permissions };
}
