import type { HandlersFor } from '../context/handler-types.js';
import { autoMap, getMappings, setFieldMapping, setGroupMapping, tagExample } from './mapping-service.js';
import { getPermissions, setPermissionMapping } from './permission-mapping.js';

/** Mapping channels: Barsy groups → Mailchimp groups, sources → merge tags. */
export const mappingHandlers: HandlersFor<'mapping:get' | 'mapping:setGroup' | 'mapping:setField' | 'mapping:auto' | 'mapping:examples' | 'mapping:permissions' | 'mapping:setPermission'> = {
  'mapping:get': (_req, ctx) => getMappings(ctx),
  'mapping:setGroup': async ({ barsyGroup, interestId }, ctx) => {
    await setGroupMapping(ctx, barsyGroup, interestId);
    return { ok: true as const };
  },
  'mapping:setField': async ({ source, tag }, ctx) => {
    await setFieldMapping(ctx, source, tag);
    return { ok: true as const };
  },
  'mapping:auto': (_req, ctx) => autoMap(ctx),
  'mapping:examples': ({ tag }, ctx) => tagExample(ctx, tag),
  'mapping:permissions': (_req, ctx) => getPermissions(ctx),
  'mapping:setPermission': async ({ permissionId }, ctx) => {
    await setPermissionMapping(ctx, permissionId);
    return { ok: true as const };
  },
};
