import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScheduledCommand } from './scheduled-command.js';
import { formatTime, type ScheduleSpec } from './schedule-spec.js';
import { mustRun, runTool } from './run-tool.js';

export const UNIT_NAME = 'barsy-mailchimp-sync';

/** `~/.config/systemd/user` (or under `XDG_CONFIG_HOME`): the user's own units, no root needed. */
export function unitDir(env: NodeJS.ProcessEnv = process.env, home: string = os.homedir()): string {
  return path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'systemd', 'user');
}

/** Quotes one word of `ExecStart=` as systemd reads it (`%` is a specifier and `$` a variable, both doubled). */
export function systemdQuote(arg: string): string {
  const escaped = arg.replace(/%/g, '%%').replace(/\$/g, '$$$$');
  if (/^[\w@+=:,./-]+$/.test(arg)) return escaped;
  return `"${escaped.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const SYSTEMD_DAY: Record<string, string> = {
  monday: 'Mon', tuesday: 'Tue', wednesday: 'Wed', thursday: 'Thu', friday: 'Fri', saturday: 'Sat', sunday: 'Sun',
};

/** `OnCalendar=` for the schedule. */
export function onCalendar(spec: ScheduleSpec): string {
  return `${spec.kind === 'weekly' ? `${SYSTEMD_DAY[spec.day]} ` : ''}*-*-* ${formatTime(spec)}:00`;
}

/** The oneshot service that runs the sync, and the timer that starts it (`Persistent`: a time missed while off runs at the next boot). */
export function systemdUnits(spec: ScheduleSpec, cmd: ScheduledCommand): { service: string; timer: string } {
  const service = `[Unit]
Description=Barsy Mailchimp Sync: scheduled sync

[Service]
Type=oneshot
ExecStart=${[cmd.program, ...cmd.args].map(systemdQuote).join(' ')}
`;
  const timer = `[Unit]
Description=Barsy Mailchimp Sync: schedule

[Timer]
OnCalendar=${onCalendar(spec)}
Persistent=true
Unit=${UNIT_NAME}.service

[Install]
WantedBy=timers.target
`;
  return { service, timer };
}

type Opts = { env?: NodeJS.ProcessEnv; home?: string };

/** Whether this user has a systemd user manager to talk to (not in many containers and minimal servers). */
export async function systemdUserAvailable(o: Opts = {}): Promise<boolean> {
  return (await runTool('systemctl', ['--user', 'show-environment'], { env: o.env })).code === 0;
}

/** Writes both units, reloads the user manager and enables the timer. Returns the timer's path. */
export async function installSystemdTimer(spec: ScheduleSpec, cmd: ScheduledCommand, o: Opts = {}): Promise<string> {
  const dir = unitDir(o.env, o.home);
  fs.mkdirSync(dir, { recursive: true });
  const units = systemdUnits(spec, cmd);
  fs.writeFileSync(path.join(dir, `${UNIT_NAME}.service`), units.service);
  const timerPath = path.join(dir, `${UNIT_NAME}.timer`);
  fs.writeFileSync(timerPath, units.timer);
  await mustRun('systemctl', ['--user', 'daemon-reload'], { env: o.env });
  // `restart` makes a changed OnCalendar take effect when the timer was already running.
  await mustRun('systemctl', ['--user', 'enable', `${UNIT_NAME}.timer`], { env: o.env });
  await mustRun('systemctl', ['--user', 'restart', `${UNIT_NAME}.timer`], { env: o.env });
  return timerPath;
}

/** Stops and disables the timer, deletes both units and reloads. */
export async function removeSystemdTimer(o: Opts = {}): Promise<void> {
  const dir = unitDir(o.env, o.home);
  await runTool('systemctl', ['--user', 'disable', '--now', `${UNIT_NAME}.timer`], { env: o.env });
  fs.rmSync(path.join(dir, `${UNIT_NAME}.timer`), { force: true });
  fs.rmSync(path.join(dir, `${UNIT_NAME}.service`), { force: true });
  await runTool('systemctl', ['--user', 'daemon-reload'], { env: o.env });
}
