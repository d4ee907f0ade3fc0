import { z } from 'zod';
import { eligibilityReasonSchema } from './client.js';
import { appErrorSchema } from './app-error.js';

/** Mailchimp member statuses, including the ones only responses use. */
export const memberStatusSchema = z.enum([
  'subscribed',
  'unsubscribed',
  'cleaned',
  'pending',
  'transactional',
  'archived',
]);
export type MemberStatus = z.infer<typeof memberStatusSchema>;

/** What happens to clients that stop being eligible after an earlier sync. */
export const removalPolicySchema = z.enum(['leave', 'unsubscribe', 'archive']);
export type RemovalPolicy = z.infer<typeof removalPolicySchema>;

/** Exactly one per client per run. */
export const outcomeSchema = z.enum(['created', 'updated', 'unchanged', 'skipped', 'keptStatus', 'failed']);
export type Outcome = z.infer<typeof outcomeSchema>;

export const syncCountsSchema = z.object({
  clients: z.number().int(),
  eligible: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  skipped: z.number().int(),
  keptStatus: z.number().int(),
  failed: z.number().int(),
});
export type SyncCounts = z.infer<typeof syncCountsSchema>;

export const runStatusSchema = z.enum(['running', 'completed', 'failed', 'cancelled', 'interrupted']);
export type RunStatus = z.infer<typeof runStatusSchema>;

/** A value cut to fit Mailchimp's 255-byte text limit. */
export const shortenedValueSchema = z.object({
  tag: z.string(),
  originalBytes: z.number().int(),
  sentValue: z.string(),
});

/** One client's line in a run: what was planned, what happened and why. */
export const runItemSchema = z.object({
  clientId: z.number().int(),
  line: z.number().int(),
  name: z.string(),
  email: z.string(),
  group: z.string(),
  outcome: outcomeSchema.nullable(),
  /** For skipped: the eligibility reason. */
  reason: eligibilityReasonSchema.nullable(),
  /** For keptStatus: the member's status in Mailchimp (unsubscribed, cleaned, pending, …). */
  memberStatus: memberStatusSchema.nullable(),
  /** For failed: Mailchimp's message, classified. */
  error: appErrorSchema.nullable(),
  shortened: z.array(shortenedValueSchema),
  /** For ex-members under a removal policy: what was done (unsubscribed / archived). */
  removal: z.enum(['unsubscribed', 'archived']).nullable(),
  /** The client's Barsy ID and client code (to find them in Barsy), when the export has them. */
  barsyId: z.string().optional(),
  code: z.string().optional(),
  /** The corrected address of an email refused for look-alike or invisible characters. */
  emailSuggestion: z.string().nullable().optional(),
});
export type RunItem = z.infer<typeof runItemSchema>;

export const runSummarySchema = z.object({
  runId: z.number().int(),
  status: runStatusSchema,
  dryRun: z.boolean(),
  listId: z.string(),
  audienceName: z.string(),
  importId: z.number().int(),
  importFileName: z.string(),
  importedAt: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().int().nullable(),
  counts: syncCountsSchema,
  requests: z.number().int(),
  error: appErrorSchema.nullable(),
  /** Whether "continue" is offered: a real run that stopped before the end (cancelled, interrupted, failed). */
  resumable: z.boolean(),
  /** The marketing permission (GDPR) this run gave to the members it created: absent when none was mapped. */
  permissions: z.object({ permission: z.string(), granted: z.number().int(), failed: z.number().int() }).optional(),
  reportEmail: z.object({
    status: z.enum(['not_sent', 'sent', 'failed', 'not_required']),
    to: z.string().nullable(),
    sentAt: z.string().nullable(),
    error: appErrorSchema.nullable(),
  }),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const syncPhaseSchema = z.enum(['preflight', 'reading', 'planning', 'pushing', 'removing', 'finishing', 'done']);
export type SyncPhase = z.infer<typeof syncPhaseSchema>;

/** The one progress event stream (CLI bar, IPC, tests), throttled to about 10 per second. */
export const syncProgressSchema = z.object({
  runId: z.number().int(),
  phase: syncPhaseSchema,
  done: z.number().int(),
  total: z.number().int(),
  counts: syncCountsSchema,
  /** Items per second over the recent window. */
  rate: z.number(),
  etaMs: z.number().int().nullable(),
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;
