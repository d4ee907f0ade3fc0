import { AppFailure } from '../../shared/domain/app-error.js';
import type { ScheduledCommand } from './scheduled-command.js';
import { weekdayIndex, type ScheduleSpec } from './schedule-spec.js';
import { mustRun, runTool } from './run-tool.js';

/** Marks our line, so turning the schedule off removes exactly it and leaves the user's own lines. */
export const CRON_MARKER = '# barsy-mailchimp-sync schedule';

/** Quotes one word for /bin/sh; `%` is escaped because cron turns it into a newline. */
export function cronQuote(arg: string): string {
  const word = /^[\w@+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
  return word.replace(/%/g, '\\%');
}

/** The crontab line: `M H * * DOW command # marker`. */
export function cronLine(spec: ScheduleSpec, cmd: ScheduledCommand): string {
  const dow = spec.kind === 'weekly' ? String(weekdayIndex(spec.day)) : '*';
  return `${spec.minute} ${spec.hour} * * ${dow} ${[cmd.program, ...cmd.args].map(cronQuote).join(' ')} ${CRON_MARKER}`;
}

/** The user's crontab without our line; "no crontab for user" is an empty one, any other failure stops us. */
async function currentLines(env?: NodeJS.ProcessEnv): Promise<string[]> {
  const r = await runTool('crontab', ['-l'], { env });
  if (r.code !== 0) {
    if (/no crontab/i.test(r.stderr)) return [];
    throw new AppFailure('schedule_register_failed', { tool: 'crontab -l', detail: (r.stderr || `exit ${r.code}`).trim().slice(0, 300) });
  }
  return r.stdout.split('\n').filter((l) => l !== '' && !l.includes(CRON_MARKER));
}

/** Replaces our line in the user's crontab. */
export async function installCronLine(spec: ScheduleSpec, cmd: ScheduledCommand, env?: NodeJS.ProcessEnv): Promise<string> {
  const lines = [...(await currentLines(env)), cronLine(spec, cmd)];
  await mustRun('crontab', ['-'], { input: `${lines.join('\n')}\n`, env });
  return 'crontab';
}

/** Removes our line, keeping every other one. */
export async function removeCronLine(env?: NodeJS.ProcessEnv): Promise<void> {
  const before = await runTool('crontab', ['-l'], { env });
  if (before.code !== 0 || !before.stdout.includes(CRON_MARKER)) return;
  const lines = await currentLines(env);
  await mustRun('crontab', ['-'], { input: lines.length > 0 ? `${lines.join('\n')}\n` : '', env });
}
