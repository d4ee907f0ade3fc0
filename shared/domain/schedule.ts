import { z } from 'zod';

export const weekdaySchema = z.enum(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);

/**
 * The automatic-sync schedule as `schedule show --json` prints it (a stable interface): `at` is `07:00`
 * for a daily schedule and `monday 07:00` for a weekly one; `next` is local time with its UTC offset;
 * `command` what the OS runs; `entry` the OS entry's path or name.
 */
export const scheduleViewSchema = z.union([
  z.object({ enabled: z.literal(false) }),
  z.object({
    enabled: z.literal(true),
    kind: z.enum(['daily', 'weekly']),
    at: z.string(),
    next: z.string(),
    command: z.string(),
    entry: z.string(),
  }),
]);
export type ScheduleViewWire = z.infer<typeof scheduleViewSchema>;

export const scheduleSetRequestSchema = z
  .object({ kind: z.enum(['daily', 'weekly']), day: weekdaySchema.optional(), time: z.string().min(1).max(8) })
  .strict();

/** One file the watched folder handled, as `barsy-sync watch --json` prints it (the error as data here). */
export const watchResultSchema = z.object({
  file: z.string(),
  action: z.enum(['imported', 'unchanged', 'failed']),
  importId: z.number().int().optional(),
  runId: z.number().int().optional(),
  counts: z.record(z.string(), z.number()).optional(),
  error: z.object({ code: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])) }).optional(),
});

/**
 * What an unattended run (the schedule's `--sync [--watch]`) did: the CLI's exit code (0 completed,
 * 1 failed or could not start, 3 another sync was running, 130 cancelled), the runs it made, the files
 * the watched folder gave, and the failure that decided the exit code.
 */
export const unattendedResultSchema = z.object({
  exitCode: z.number().int(),
  runIds: z.array(z.number().int()),
  files: z.array(watchResultSchema),
});
