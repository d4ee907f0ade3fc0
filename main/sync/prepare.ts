import { createHash } from 'node:crypto';
import type { AppContext } from '../context/app-context.js';
import { appError, failureWithProblems } from '../../shared/domain/app-error.js';
import type { Client } from '../../shared/domain/client.js';
import type { RemovalPolicy } from '../../shared/domain/sync.js';
import type { MailchimpApi } from '../mailchimp/mailchimp-api.js';
import { listFieldMappings, listGroupMappings } from '../mapping/mapping-store.js';
import { readAudienceStructure, type AudienceStructure } from '../mapping/audience-structure.js';
import type { SyncRules } from '../mapping/desired-state.js';
import { listGroups, listSources, loadClientsPage } from '../import/client-store.js';
import { eligibilityOf } from '../import/eligibility.js';
import { readClientValue, toSourceSpec } from '../mapping/client-sources.js';
import type { Eligibility } from './plan.js';
import { buildRules, checkMappings } from '../mapping/rules.js';
import { syncSettings } from '../mapping/sync-settings.js';
import { getPermissionMapping } from '../mapping/permission-mapping.js';
import type { GrantedPermission } from './permissions.js';

/** Everything a run or a preview needs before it reads members: checked mappings and the rules. */
export type Prepared = {
  structure: AudienceStructure;
  /** Digest of everything the plan depends on besides the members: two runs with one key plan alike. */
  planKey: string;
  rules: SyncRules;
  eligibility: (client: Client) => Eligibility;
  policy: RemovalPolicy;
  /** The marketing permission members created by the run get (GDPR audiences), if one is mapped. */
  permission: GrantedPermission | null;
};


/**
 * Preflight, before any write: the key works (ping), the audience exists, and the mappings are sound
 * (see `checkMappings`). Every problem is reported in one `preflight_failed` message.
 */
export async function prepareSync(ctx: Pick<AppContext, 'db' | 'settings'>, api: MailchimpApi, listId: string, importId: number): Promise<Prepared> {
  // Independent reads, in parallel: each round trip to Mailchimp costs 100+ ms.
  const mappedPermission = getPermissionMapping(ctx.db, listId)?.permissionId ?? null;
  const [, structure, gdpr] = await Promise.all([
    api.ping(),
    readAudienceStructure(api, listId),
    mappedPermission ? api.getMarketingPermissions(listId) : Promise.resolve(null),
  ]);
  const permission = gdpr?.permissions.find((p) => p.id === mappedPermission) ?? null;
  const { nameMode, policy } = syncSettings(ctx);
  const groups = listGroupMappings(ctx.db, listId);
  const inputs = {
    groups,
    fields: listFieldMappings(ctx.db, listId),
    nameMode,
    importGroups: new Set(listGroups(ctx.db, importId).map((g) => g.name)),
    sources: listSources(ctx.db, importId).map(toSourceSpec),
    readClient: readClientValue,
  };
  const problems = checkMappings(structure, inputs);
  if (mappedPermission && !permission) {
    problems.push(appError('mapping_unknown_permission', { permissionId: mappedPermission, known: gdpr?.permissions.map((p) => `${p.id} (${p.text})`).join(', ') || '—' }));
  }
  // Stored as codes with parameters: the report, the CLI and the UI word them in their own language.
  if (problems.length > 0) throw failureWithProblems('preflight_failed', problems);
  const rules = buildRules(structure, inputs);
  const mapped = new Set(rules.groupInterest.keys());
  const planKey = createHash('md5')
    .update(
      JSON.stringify([
        importId,
        policy,
        nameMode,
        inputs.groups,
        inputs.fields,
        structure.mergeFields.map((f) => [f.tag, f.type, f.required]),
        structure.interests.map((i) => i.id).sort(),
      ]),
    )
    .digest('hex');
  return { structure, planKey, rules, eligibility: (c) => eligibilityOf(c, mapped), policy, permission };
}

/**
 * The clients of an import in export order, a page at a time (never all of them in memory); the first
 * page may be smaller (the preview shows its rows while the rest is planned).
 */
export function* clientPages(ctx: Pick<AppContext, 'db'>, importId: number, pageSize: number, firstPageSize = pageSize): Generator<Client[]> {
  let after = 0;
  for (let size = firstPageSize; ; size = pageSize) {
    const page = loadClientsPage(ctx.db, importId, after, size);
    if (page.length === 0) return;
    yield page;
    after = page[page.length - 1]!.id;
    if (page.length < size) return;
  }
}

/** How many clients an import holds. */
export function clientCount(ctx: Pick<AppContext, 'db'>, importId: number): number {
  return ctx.db.prepare<[number], { n: number }>('SELECT client_count AS n FROM imports WHERE id = ?').get(importId)?.n ?? 0;
}
