import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ScheduledCommand } from './scheduled-command.js';
import { localIso, nextRun, type ScheduleSpec } from './schedule-spec.js';
import { mustRun, runTool } from './run-tool.js';
import { xmlEscape } from './xml-text.js';

/** The task's name in the Task Scheduler library (root folder, current user). */
export const TASK_NAME = 'Barsy Mailchimp Sync';

/** Quotes one argument the way Windows' CommandLineToArgvW reads it back. */
export function windowsQuote(arg: string): string {
  if (arg !== '' && !/[\s"]/.test(arg)) return arg;
  let out = '"';
  let slashes = 0;
  for (const ch of arg) {
    if (ch === '\\') slashes++;
    else if (ch === '"') {
      out += '\\'.repeat(slashes * 2 + 1) + '"';
      slashes = 0;
    } else {
      out += '\\'.repeat(slashes) + ch;
      slashes = 0;
    }
  }
  return `${out}${'\\'.repeat(slashes * 2)}"`;
}

const DAY_ELEMENT: Record<string, string> = {
  monday: 'Monday', tuesday: 'Tuesday', wednesday: 'Wednesday', thursday: 'Thursday', friday: 'Friday', saturday: 'Saturday', sunday: 'Sunday',
};

/**
 * The task definition (Task Scheduler schema 1.2). No `UserId` and an interactive token: it runs as the
 * user who registers it, while they are logged on, with no password stored and no admin rights.
 * `StartWhenAvailable` runs a time missed while the computer was off at the next start; `IgnoreNew`
 * never starts a second copy.
 */
export function taskXml(spec: ScheduleSpec, cmd: ScheduledCommand, now: Date = new Date()): string {
  const start = localIso(nextRun(spec, now)).slice(0, 19);
  const schedule =
    spec.kind === 'daily'
      ? '<ScheduleByDay><DaysInterval>1</DaysInterval></ScheduleByDay>'
      : `<ScheduleByWeek><DaysOfWeek><${DAY_ELEMENT[spec.day]} /></DaysOfWeek><WeeksInterval>1</WeeksInterval></ScheduleByWeek>`;
  return `<?xml version="1.0" encoding="UTF-16"?>
<Task version="1.2" xmlns="http://schemas.microsoft.com/windows/2004/02/mit/task">
  <RegistrationInfo>
    <Author>${xmlEscape(TASK_NAME)}</Author>
    <Description>Syncs the latest Barsy export into Mailchimp and emails the report.</Description>
    <URI>\\${xmlEscape(TASK_NAME)}</URI>
  </RegistrationInfo>
  <Triggers>
    <CalendarTrigger>
      <StartBoundary>${start}</StartBoundary>
      <Enabled>true</Enabled>
      ${schedule}
    </CalendarTrigger>
  </Triggers>
  <Principals>
    <Principal id="Author">
      <LogonType>InteractiveToken</LogonType>
      <RunLevel>LeastPrivilege</RunLevel>
    </Principal>
  </Principals>
  <Settings>
    <MultipleInstancesPolicy>IgnoreNew</MultipleInstancesPolicy>
    <DisallowStartIfOnBatteries>false</DisallowStartIfOnBatteries>
    <StopIfGoingOnBatteries>false</StopIfGoingOnBatteries>
    <StartWhenAvailable>true</StartWhenAvailable>
    <RunOnlyIfNetworkAvailable>false</RunOnlyIfNetworkAvailable>
    <ExecutionTimeLimit>PT4H</ExecutionTimeLimit>
    <Enabled>true</Enabled>
  </Settings>
  <Actions Context="Author">
    <Exec>
      <Command>${xmlEscape(cmd.program)}</Command>
      <Arguments>${xmlEscape(cmd.args.map(windowsQuote).join(' '))}</Arguments>
    </Exec>
  </Actions>
</Task>
`;
}

/** Registers (or replaces) the task: the XML goes to `schtasks /Create /XML` as UTF-16 with a BOM, as Task Scheduler writes it. */
export async function installWindowsTask(spec: ScheduleSpec, cmd: ScheduledCommand, env?: NodeJS.ProcessEnv): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-task-'));
  const file = path.join(dir, 'task.xml');
  try {
    fs.writeFileSync(file, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(taskXml(spec, cmd), 'utf16le')]));
    await mustRun('schtasks', ['/Create', '/TN', TASK_NAME, '/XML', file, '/F'], { env });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return TASK_NAME;
}

/** Deletes the task; a task that is already gone is fine. */
export async function removeWindowsTask(env?: NodeJS.ProcessEnv): Promise<void> {
  const del = await runTool('schtasks', ['/Delete', '/TN', TASK_NAME, '/F'], { env });
  if (del.code === 0) return;
  const query = await runTool('schtasks', ['/Query', '/TN', TASK_NAME], { env });
  if (query.code === 0) await mustRun('schtasks', ['/Delete', '/TN', TASK_NAME, '/F'], { env });
}
