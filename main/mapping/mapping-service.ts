import type { AppContext } from '../context/app-context.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { mergeTagSchema } from '../../shared/domain/mapping.js';
import type { ResponseOf } from '../../shared/ipc-contract.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { rethrowAsAppFailure } from '../mailchimp/to-app-error.js';
import { TEXT_TYPE, type AudienceStructure } from './audience-structure.js';
import { rawMergeValues } from './desired-state.js';
import { listGroups, listSources, loadClients } from '../import/client-store.js';
import { requireImportId } from '../import/current-import.js';
import { readClientValue, toSourceSpec } from './client-sources.js';
import { syncSettings } from './sync-settings.js';
import { buildRules } from './rules.js';
import { MERGE_TEXT_LIMIT_BYTES, truncateUtf8 } from './utf8-truncate.js';
import { matchInterest, matchMergeField } from './auto-map.js';
import { createMailchimpClientFromSettings } from '../mailchimp/client-from-settings.js';
import { audienceStructureFor, requireListId } from './mailchimp-access.js';
import { listFieldMappings, listGroupMappings, saveFieldMapping, saveGroupMapping } from './mapping-store.js';

/** The audience structure, or null when Mailchimp cannot be reached (the grid still shows stored names). */
async function tryStructure(ctx: AppContext): Promise<AudienceStructure | null> {
  try {
    return await audienceStructureFor(ctx);
  } catch {
    return null;
  }
}

/** The mapping grid: every group and source of the current import with its mapping and what Mailchimp says about it. */
export async function getMappings(ctx: AppContext): Promise<ResponseOf<'mapping:get'>> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  const s = await tryStructure(ctx);
  const groupRows = new Map(listGroupMappings(ctx.db, listId).map((g) => [g.barsyGroup, g]));
  const fieldRows = new Map(listFieldMappings(ctx.db, listId).map((f) => [f.source, f]));
  const groups = listGroups(ctx.db, importId).map((g) => {
    const row = groupRows.get(g.name);
    const interestId = row?.interestId ?? null;
    return {
      barsyGroup: g.name,
      interestId,
      categoryId: row?.categoryId ?? null,
      interestName: (s?.interests.find((i) => i.id === interestId)?.name ?? row?.interestName) || null,
      clientCount: g.clients,
      mapped: row !== undefined,
      missingInMailchimp: s !== null && interestId !== null && !s.interests.some((i) => i.id === interestId),
    };
  });
  const implicit = s && !fieldRows.has('name') && s.mergeFields.some((f) => f.tag === 'FNAME' && f.type === TEXT_TYPE) ? 'FNAME' : null;
  const fields = listSources(ctx.db, importId).map((src) => {
    const row = fieldRows.get(src.source);
    const tag = row ? row.tag : src.source === 'name' ? implicit : null;
    const field = tag ? s?.mergeFields.find((f) => f.tag === tag) : undefined;
    return {
      source: src.source,
      tag,
      samples: src.samples,
      mapped: row !== undefined,
      missingInMailchimp: s !== null && tag !== null && !field,
      notText: field !== undefined && field.type !== TEXT_TYPE,
    };
  });
  return { groups, fields };
}

/** Maps a Barsy group to an interest of the audience, or to "don't sync" (null). */
export async function setGroupMapping(ctx: AppContext, barsyGroup: string, interestId: string | null): Promise<void> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  if (!listGroups(ctx.db, importId).some((g) => g.name === barsyGroup)) throw new AppFailure('mapping_unknown_group', { group: barsyGroup });
  if (interestId === null) return saveGroupMapping(ctx.db, listId, { barsyGroup, interestId: null, categoryId: null, interestName: null });
  const s = await audienceStructureFor(ctx);
  const interest = s.interests.find((i) => i.id === interestId);
  if (!interest) throw new AppFailure('mapping_unknown_interest', { interestId });
  saveGroupMapping(ctx.db, listId, { barsyGroup, interestId, categoryId: interest.category_id, interestName: interest.name });
}

/** Creates an interest named like the Barsy group in `categoryId` and maps the group to it. */
export async function createInterestForGroup(ctx: AppContext, barsyGroup: string, categoryId: string, api?: MailchimpApi): Promise<string> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  if (!listGroups(ctx.db, importId).some((g) => g.name === barsyGroup)) throw new AppFailure('mapping_unknown_group', { group: barsyGroup });
  try {
    const client = api ?? (await createMailchimpClientFromSettings(ctx));
    const interest = await client.createInterest(listId, categoryId, { name: barsyGroup });
    saveGroupMapping(ctx.db, listId, { barsyGroup, interestId: interest.id, categoryId: interest.category_id, interestName: interest.name });
    return interest.id;
  } catch (err) {
    return rethrowAsAppFailure(err);
  }
}

/** Maps a source to a TEXT merge tag, or to "not synced" (null). */
export async function setFieldMapping(ctx: AppContext, source: string, tag: string | null): Promise<void> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  if (!listSources(ctx.db, importId).some((s) => s.source === source)) throw new AppFailure('mapping_unknown_source', { source });
  if (tag === null) return saveFieldMapping(ctx.db, listId, { source, tag: null });
  const upper = tag.trim().toUpperCase();
  if (!mergeTagSchema.safeParse(upper).success) throw new AppFailure('mapping_tag_invalid', { tag });
  const field = (await audienceStructureFor(ctx)).mergeFields.find((f) => f.tag === upper);
  if (!field) throw new AppFailure('mapping_unknown_tag', { tag: upper });
  if (field.type !== TEXT_TYPE) throw new AppFailure('mapping_tag_not_text', { tag: upper, type: field.type });
  saveFieldMapping(ctx.db, listId, { source, tag: upper });
}

/**
 * Maps every not-yet-decided group to the interest with the same normalised name (case, spacing,
 * Cyrillic/Latin look-alikes), and every not-yet-decided source to a matching TEXT merge field.
 * With `createInCategory`, a group with no match gets a new interest of its name in that category.
 */
export async function autoMap(ctx: AppContext, opts: { createInCategory?: string } = {}): Promise<{ groupsMatched: number; fieldsMatched: number; interestsCreated: number }> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  const api = await createMailchimpClientFromSettings(ctx);
  const s = await audienceStructureFor(ctx, api);
  const decidedGroups = new Set(listGroupMappings(ctx.db, listId).map((g) => g.barsyGroup));
  const decidedFields = new Set(listFieldMappings(ctx.db, listId).map((f) => f.source));
  let groupsMatched = 0;
  let interestsCreated = 0;
  for (const g of listGroups(ctx.db, importId)) {
    if (decidedGroups.has(g.name)) continue;
    const hit = matchInterest(g.name, s.interests);
    if (hit) {
      saveGroupMapping(ctx.db, listId, { barsyGroup: g.name, interestId: hit.id, categoryId: hit.category_id, interestName: hit.name });
      groupsMatched += 1;
    } else if (opts.createInCategory) {
      await createInterestForGroup(ctx, g.name, opts.createInCategory, api);
      interestsCreated += 1;
    }
  }
  let fieldsMatched = 0;
  for (const src of listSources(ctx.db, importId)) {
    if (decidedFields.has(src.source)) continue;
    const hit = matchMergeField(src, s.mergeFields);
    if (!hit) continue;
    saveFieldMapping(ctx.db, listId, { source: src.source, tag: hit.tag });
    fieldsMatched += 1;
  }
  return { groupsMatched, fieldsMatched, interestsCreated };
}

/** The longest value a tag gets in the current import (the grid's live example) and whether it must be cut. */
export async function tagExample(ctx: AppContext, tag: string): Promise<ResponseOf<'mapping:examples'>> {
  const listId = requireListId(ctx);
  const importId = requireImportId(ctx.db);
  const s = await audienceStructureFor(ctx);
  const rules = buildRules(s, {
    groups: [],
    fields: listFieldMappings(ctx.db, listId),
    nameMode: syncSettings(ctx).nameMode,
    importGroups: new Set(),
    sources: listSources(ctx.db, importId).map(toSourceSpec),
    readClient: readClientValue,
  });
  let best = '';
  let bestBytes = -1;
  for (const client of loadClients(ctx.db, importId)) {
    const value = rawMergeValues(client, rules)[tag] ?? '';
    const bytes = Buffer.byteLength(value, 'utf8');
    if (bytes > bestBytes) [best, bestBytes] = [value, bytes];
  }
  const cut = truncateUtf8(best);
  return { tag, example: cut.value, bytes: Math.max(0, bestBytes), limitBytes: MERGE_TEXT_LIMIT_BYTES, clipped: cut.cut };
}
