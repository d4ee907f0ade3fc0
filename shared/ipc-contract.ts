/**
 * The one IPC contract: every channel the renderer may call, with zod schemas for its request and
 * response, and every event main pushes. Main (`main/ipc/`), the preload, the CLI and the browser test
 * bridge all derive from this file, so a channel cannot exist in one place and not another.
 *
 * On the wire a response is a `Result`: `{ ok: true, value }` or `{ ok: false, error: AppError }`.
 */
import { z } from 'zod';
import { appErrorSchema, type Result } from './domain/app-error.js';
import { clientSchema, eligibilityReasonSchema } from './domain/client.js';
import { importPreviewRequestSchema, importPreviewSchema, importRunRequestSchema, importSummarySchema } from './domain/import.js';
import { fieldMappingSchema, groupMappingSchema } from './domain/mapping.js';
import { settingKeySchema, settingsViewSchema } from './domain/settings.js';
import { scheduleSetRequestSchema, scheduleViewSchema, unattendedResultSchema } from './domain/schedule.js';
import {
  memberStatusSchema,
  outcomeSchema,
  removalPolicySchema,
  runItemSchema,
  runSummarySchema,
  syncCountsSchema,
  syncProgressSchema,
} from './domain/sync.js';

const empty = z.object({}).strict();
const ok = z.object({ ok: z.literal(true) });

const audienceSchema = z.object({ id: z.string(), name: z.string(), memberCount: z.number().int() });
const interestSchema = z.object({ id: z.string(), name: z.string(), categoryId: z.string(), subscriberCount: z.number().int() });
const categorySchema = z.object({ id: z.string(), title: z.string(), type: z.string(), interests: z.array(interestSchema) });
const mergeFieldSchema = z.object({ tag: z.string(), name: z.string(), type: z.string(), required: z.boolean() });

/** Every request is an object (so it can grow) and every schema is strict about unknown keys. */
export const channels = {
  // app
  'app:info': {
    request: empty,
    response: z.object({ version: z.string(), dataDir: z.string(), dbPath: z.string(), secretStorage: z.enum(['os-keychain', 'fallback-file-key']) }),
  },
  'cache:clear': { request: empty, response: ok },

  // settings
  'settings:get': { request: empty, response: settingsViewSchema },
  'settings:set': {
    request: z.object({ key: settingKeySchema, value: z.string().max(10_000) }).strict(),
    response: settingsViewSchema,
  },

  // import
  'import:preview': { request: importPreviewRequestSchema, response: importPreviewSchema },
  'import:run': { request: importRunRequestSchema, response: importSummarySchema },
  /** The import the next sync uses (the latest), with eligibility against the current mappings. */
  'import:current': { request: empty, response: importSummarySchema.nullable() },
  'clients:list': {
    request: z
      .object({
        filter: z.enum(['all', 'eligible', 'ineligible']).default('all'),
        reason: eligibilityReasonSchema.optional(),
        search: z.string().max(200).optional(),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    response: z.object({
      total: z.number().int(),
      items: z.array(clientSchema.extend({ eligible: z.boolean(), allReasons: z.array(eligibilityReasonSchema) })),
    }),
  },

  // Mailchimp account and audience
  'mailchimp:connect': {
    request: z.object({ apiKey: z.string().min(1).max(200), baseUrl: z.string().url().optional() }).strict(),
    response: z.object({ accountName: z.string(), audiences: z.array(audienceSchema) }),
  },
  'mailchimp:demo': {
    request: empty,
    response: z.object({ baseUrl: z.string(), listId: z.string(), accountName: z.string(), audiences: z.array(audienceSchema) }),
  },
  'mailchimp:audiences': { request: empty, response: z.array(audienceSchema) },
  'mailchimp:audience': {
    request: empty,
    response: z.object({ audience: audienceSchema, categories: z.array(categorySchema), mergeFields: z.array(mergeFieldSchema) }),
  },
  'mailchimp:createInterest': {
    request: z.object({ categoryId: z.string().min(1), name: z.string().min(1).max(100) }).strict(),
    response: interestSchema,
  },
  'mailchimp:createCategory': {
    request: z.object({ title: z.string().min(1).max(100) }).strict(),
    response: categorySchema,
  },
  'mailchimp:createMergeField': {
    request: z.object({ name: z.string().min(1).max(100), tag: z.string().max(10).optional() }).strict(),
    response: mergeFieldSchema,
  },

  // mappings
  'mapping:get': {
    request: empty,
    response: z.object({
      groups: z.array(groupMappingSchema.extend({ clientCount: z.number().int(), mapped: z.boolean(), missingInMailchimp: z.boolean() })),
      fields: z.array(
        fieldMappingSchema.extend({ samples: z.array(z.string()), mapped: z.boolean(), missingInMailchimp: z.boolean(), notText: z.boolean() }),
      ),
    }),
  },
  'mapping:setGroup': {
    request: z.object({ barsyGroup: z.string(), interestId: z.string().nullable() }).strict(),
    response: ok,
  },
  'mapping:setField': {
    request: z.object({ source: z.string(), tag: z.string().nullable() }).strict(),
    response: ok,
  },
  'mapping:auto': {
    request: empty,
    response: z.object({ groupsMatched: z.number().int(), fieldsMatched: z.number().int() }),
  },
  /** The combined value several sources would give one tag, for the grid's live example. */
  'mapping:examples': {
    request: z.object({ tag: z.string() }).strict(),
    response: z.object({ tag: z.string(), example: z.string(), bytes: z.number().int(), limitBytes: z.number().int(), clipped: z.boolean() }),
  },
  /** The audience's marketing permissions (GDPR fields) and the one new members get (`mapping`: null = never decided). */
  'mapping:permissions': {
    request: empty,
    response: z.object({
      enabled: z.boolean(),
      permissions: z.array(z.object({ id: z.string(), text: z.string() })),
      mapping: z.object({ permissionId: z.string().nullable(), permissionText: z.string().nullable() }).nullable(),
      missingInMailchimp: z.boolean(),
    }),
  },
  /** Members a sync creates get this permission enabled (Barsy's Maillist flag is the consent); `null` = none. */
  'mapping:setPermission': {
    request: z.object({ permissionId: z.string().min(1).max(100).nullable() }).strict(),
    response: ok,
  },

  // sync
  'sync:preview': {
    request: z
      .object({
        outcome: outcomeSchema.optional(),
        search: z.string().max(200).optional(),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(1000).default(100),
        /** Answer an unfiltered page as soon as its rows are planned (a million clients take a while to plan). */
        progressive: z.boolean().optional(),
      })
      .strict(),
    response: z.object({
      counts: syncCountsSchema,
      removals: z.object({ policy: removalPolicySchema, count: z.number().int() }),
      total: z.number().int(),
      items: z.array(runItemSchema),
      /** Present while the preview is still being planned: counts are those so far, removals not known yet. */
      planning: z.object({ planned: z.number().int(), clients: z.number().int() }).optional(),
    }),
  },
  'sync:start': {
    request: z.object({ dryRun: z.boolean().default(false) }).strict(),
    response: z.object({ runId: z.number().int() }),
  },
  'sync:cancel': { request: z.object({ runId: z.number().int() }).strict(), response: ok },
  'sync:resume': { request: z.object({ runId: z.number().int() }).strict(), response: z.object({ runId: z.number().int() }) },

  // runs and reports
  'runs:list': { request: empty, response: z.array(runSummarySchema) },
  'runs:get': {
    request: z
      .object({
        runId: z.number().int(),
        outcome: outcomeSchema.optional(),
        search: z.string().max(200).optional(),
        offset: z.number().int().nonnegative().default(0),
        limit: z.number().int().min(1).max(1000).default(100),
      })
      .strict(),
    response: z.object({ summary: runSummarySchema, total: z.number().int(), items: z.array(runItemSchema) }),
  },
  'report:export': {
    request: z.object({ runId: z.number().int(), format: z.enum(['csv', 'html', 'text']) }).strict(),
    response: z.object({ fileName: z.string(), content: z.string() }),
  },
  'report:resend': { request: z.object({ runId: z.number().int() }).strict(), response: runSummarySchema },
  'smtp:presets': {
    request: empty,
    response: z.array(z.object({ id: z.string(), label: z.string(), host: z.string(), port: z.number().int(), secure: z.boolean() })),
  },
  'smtp:test': { request: z.object({ to: z.string().email().optional() }).strict(), response: ok },

  // unattended syncs: the OS schedule (Home also shows the last automatic run)
  'schedule:get': { request: empty, response: z.object({ schedule: scheduleViewSchema, lastAutomaticRun: runSummarySchema.nullable() }) },
  'schedule:set': { request: scheduleSetRequestSchema, response: scheduleViewSchema },
  'schedule:off': { request: empty, response: scheduleViewSchema },
  /** The unattended job a scheduled run starts (headless app, or the app when it is open): pick up new exports, sync, report. */
  'watch:run': {
    request: z.object({ watch: z.boolean().default(true) }).strict(),
    response: unattendedResultSchema.extend({ error: appErrorSchema.nullable() }),
  },
} as const;

/** The largest file the page may ask the shell to save (a report CSV of 100,000 clients is ~20 MB). */
export const SAVE_FILE_MAX_BYTES = 64 * 1024 * 1024;

/**
 * Channels the desktop shell serves itself, with a native dialog, outside the engine's handler map (the
 * CLI has no use for them). The browser test bridge implements them its own way.
 */
export const shellChannels = {
  /** Save text the page produced (an export) where the user chooses in a save dialog. */
  'file:save': {
    request: z
      .object({
        suggestedName: z.string().min(1).max(200),
        // UTF-16 units; main also checks the UTF-8 size against the same limit.
        content: z.string().max(SAVE_FILE_MAX_BYTES),
        kind: z.enum(['csv', 'html', 'text']),
      })
      .strict(),
    /** `saved: false` when the user cancelled; `fileName` is the chosen name without its folder. */
    response: z.object({ saved: z.boolean(), fileName: z.string().optional() }),
  },
} as const;
export type SaveFileRequest = z.input<(typeof shellChannels)['file:save']['request']>;
export type SaveFileResponse = z.output<(typeof shellChannels)['file:save']['response']>;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type RequestOf<C extends ChannelName> = z.input<Channels[C]['request']>;
export type ParsedRequestOf<C extends ChannelName> = z.output<Channels[C]['request']>;
export type ResponseOf<C extends ChannelName> = z.output<Channels[C]['response']>;

/** Events main pushes to the renderer (and the CLI and tests subscribe to). */
export const events = {
  'sync:progress': syncProgressSchema,
  'sync:finished': runSummarySchema,
  /** A run's report email after each send attempt (after the run, "send again", a retry) or when none is needed. */
  'report:status': z.object({ runId: z.number().int(), reportEmail: runSummarySchema.shape.reportEmail }),
  /** The settings after a change (the shell's menus follow `ui.language` from it, never by reading replies). */
  'settings:changed': settingsViewSchema,
  /**
   * The preview being planned got further (at most twice a second), was completed or failed: the preview
   * screen asks `sync:preview` again for its counts (nothing polls).
   */
  'preview:progress': z.object({ planned: z.number().int(), clients: z.number().int(), complete: z.boolean() }),
} as const;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventOf<E extends EventName> = z.output<Events[E]>;

export const wireResultSchema = z.union([
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: appErrorSchema }),
]);

export type WireResult<C extends ChannelName> = { ok: true; value: ResponseOf<C> } | { ok: false; error: z.infer<typeof appErrorSchema> };

/**
 * The API the preload exposes on `window.barsy` (and the browser test bridge implements): one
 * task-shaped function per channel plus an event subscription. Calls resolve to a `WireResult`, so
 * the renderer handles failures as data and never sees an exception from main.
 */
export type BarsyApi = {
  invoke: <C extends ChannelName>(channel: C, request: RequestOf<C>) => Promise<WireResult<C>>;
  on: <E extends EventName>(event: E, listener: (payload: EventOf<E>) => void) => () => void;
  /**
   * The file dialog; resolves to a file reference for `import:*` requests (null when cancelled). In the
   * app the reference is an opaque token main resolves (the page never sees or sends a path); in the
   * browser test bridge, the path of an uploaded copy.
   */
  pickFile?: (kind: 'csv') => Promise<string | null>;
  /** The native folder dialog (the watched export folder), answering a token; absent in the browser bridge. */
  pickFolder?: () => Promise<string | null>;
  /** A file reference (as `pickFile`) for a file dropped on the window; null if it is not a local file. */
  fileRef?: (file: object) => Promise<string | null>;
  /** The app's File > Import CSV menu hands the chosen file's reference to the UI; absent in the browser bridge. */
  onOpenFile?: (listener: (file: { ref: string; kind: 'csv' }) => void) => () => void;
  /** Saves an export where the user chooses (a save dialog in the app; a browser download in the bridge). */
  saveFile: (file: SaveFileRequest) => Promise<Result<SaveFileResponse>>;
};

export { memberStatusSchema };
