import path from 'node:path';
import type { AppContext } from '../context/app-context.js';
import { defaultDataDir } from '../db/data-dir.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { assertNever } from '../../shared/domain/assert-never.js';
import { installCronLine, removeCronLine } from './crontab-entry.js';
import { installLaunchAgent, removeLaunchAgent } from './launch-agent.js';
import { commandText, detectScheduledCommand, type ScheduledCommand } from './scheduled-command.js';
import { formatAt, localIso, nextRun, type ScheduleSpec } from './schedule-spec.js';
import { deleteSchedule, readSchedule, writeSchedule, type ScheduleBackend } from './schedule-store.js';
import { installSystemdTimer, removeSystemdTimer, systemdUserAvailable } from './systemd-timer.js';
import { installWindowsTask, removeWindowsTask } from './windows-task.js';

/** What `schedule show --json` prints (a stable interface). */
export type ScheduleView = { enabled: false } | { enabled: true; kind: 'daily' | 'weekly'; at: string; next: string; command: string; entry: string };

/** Where the schedule is registered; tests point these at a temporary home and fake tools on PATH. */
export type ScheduleHost = { platform?: NodeJS.Platform; env?: NodeJS.ProcessEnv; home?: string; command?: ScheduledCommand };

async function pickBackend(h: ScheduleHost): Promise<ScheduleBackend> {
  const platform = h.platform ?? process.platform;
  if (platform === 'win32') return 'windows-task';
  if (platform === 'darwin') return 'launch-agent';
  if (platform === 'linux') return (await systemdUserAvailable({ env: h.env, home: h.home })) ? 'systemd-timer' : 'crontab';
  throw new AppFailure('schedule_unsupported', { platform });
}

function install(backend: ScheduleBackend, spec: ScheduleSpec, cmd: ScheduledCommand, h: ScheduleHost): Promise<string> {
  switch (backend) {
    case 'windows-task':
      return installWindowsTask(spec, cmd, h.env);
    case 'launch-agent':
      return installLaunchAgent(spec, cmd, h);
    case 'systemd-timer':
      return installSystemdTimer(spec, cmd, h);
    case 'crontab':
      return installCronLine(spec, cmd, h.env);
    default:
      return assertNever(backend);
  }
}

function remove(backend: ScheduleBackend, h: ScheduleHost): Promise<void> {
  switch (backend) {
    case 'windows-task':
      return removeWindowsTask(h.env);
    case 'launch-agent':
      return removeLaunchAgent(h);
    case 'systemd-timer':
      return removeSystemdTimer(h);
    case 'crontab':
      return removeCronLine(h.env);
    default:
      return assertNever(backend);
  }
}

/** The command this installation registers for the context's database. */
export function scheduledCommandFor(ctx: Pick<AppContext, 'dbPath'>, h: ScheduleHost = {}): ScheduledCommand {
  return (
    h.command ??
    detectScheduledCommand({
      dbPath: ctx.dbPath,
      defaultDbPath: path.join(defaultDataDir(h.env), 'barsy-sync.sqlite'),
      defaultApp: (process as { defaultApp?: boolean }).defaultApp,
      appPath: process.argv[1],
    })
  );
}

/** The schedule as shown by `schedule show` and Settings. */
export function showSchedule(ctx: Pick<AppContext, 'db'>, now: Date = new Date()): ScheduleView {
  const s = readSchedule(ctx.db);
  if (!s) return { enabled: false };
  return { enabled: true, kind: s.spec.kind, at: formatAt(s.spec), next: localIso(nextRun(s.spec, now)), command: commandText(s.command), entry: s.entry };
}

/** Registers the schedule with the operating system (replacing an earlier one), then records it. */
export async function setSchedule(ctx: Pick<AppContext, 'db' | 'dbPath' | 'logger'>, spec: ScheduleSpec, h: ScheduleHost = {}): Promise<ScheduleView> {
  const backend = await pickBackend(h);
  const before = readSchedule(ctx.db);
  if (before && before.backend !== backend) await remove(before.backend, h);
  const command = scheduledCommandFor(ctx, h);
  const entry = await install(backend, spec, command, h);
  writeSchedule(ctx.db, { spec, backend, entry, command });
  ctx.logger.info('schedule registered', { backend, entry, at: formatAt(spec) });
  return showSchedule(ctx);
}

/** Removes the OS entry and forgets the schedule. Turning off an absent schedule is not an error. */
export async function turnOffSchedule(ctx: Pick<AppContext, 'db' | 'logger'>, h: ScheduleHost = {}): Promise<ScheduleView> {
  const before = readSchedule(ctx.db);
  // Without a record, remove whatever this platform's entry would be (e.g. one left by a deleted database).
  await remove(before?.backend ?? (await pickBackend(h)), h);
  deleteSchedule(ctx.db);
  ctx.logger.info('schedule removed', { entry: before?.entry ?? null });
  return { enabled: false };
}
