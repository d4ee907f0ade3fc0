import { XMLParser } from 'fast-xml-parser';
import ini from 'ini';
import * as plist from 'plist';
import { describe, expect, it } from 'vitest';
import { cronLine, cronQuote } from '../../main/schedule/crontab-entry.js';
import { AGENT_LABEL, agentPlist } from '../../main/schedule/launch-agent.js';
import { commandText, detectScheduledCommand, type ScheduledCommand } from '../../main/schedule/scheduled-command.js';
import { formatAt, localIso, nextRun, parseTime, parseWeekday, type ScheduleSpec } from '../../main/schedule/schedule-spec.js';
import { onCalendar, systemdUnits, UNIT_NAME } from '../../main/schedule/systemd-timer.js';
import { taskXml, windowsQuote } from '../../main/schedule/windows-task.js';

const appCmd: ScheduledCommand = {
  kind: 'app',
  program: 'C:\\Users\\Иван Петров\\AppData\\Local\\Programs\\Barsy Mailchimp Sync\\Barsy Mailchimp Sync.exe',
  args: ['--sync', '--watch', '--quiet', '--db', 'D:\\Данни & "отчети"\\barsy.sqlite'],
};
const macCmd: ScheduledCommand = { kind: 'app', program: '/Applications/Barsy Mailchimp Sync.app/Contents/MacOS/Barsy Mailchimp Sync', args: ['--sync', '--watch', '--quiet'] };
const nodeCmd: ScheduledCommand = { kind: 'cli', program: '/usr/bin/node', args: ['/opt/barsy sync/bin/barsy-sync.mjs', '--db', '/srv/data/100%$x.sqlite', 'sync', '--watch', '--quiet'] };
const weekly: ScheduleSpec = { kind: 'weekly', day: 'monday', hour: 7, minute: 5 };
const daily: ScheduleSpec = { kind: 'daily', hour: 23, minute: 30 };

/** CommandLineToArgvW's rules, to read back what Task Scheduler will hand the program. */
function windowsSplit(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    if (i >= line.length) break;
    let word = '';
    let quoted = false;
    for (; i < line.length && (quoted || line[i] !== ' '); i++) {
      let slashes = 0;
      while (line[i] === '\\') {
        slashes++;
        i++;
      }
      if (line[i] === '"') {
        word += '\\'.repeat(Math.floor(slashes / 2));
        if (slashes % 2 === 1) word += '"';
        else quoted = !quoted;
      } else {
        word += '\\'.repeat(slashes);
        if (i < line.length && (quoted || line[i] !== ' ')) word += line[i];
        else i--;
      }
    }
    out.push(word);
  }
  return out;
}

describe('schedule times', () => {
  it('parses times and days people type, and refuses the rest', () => {
    expect(parseTime('7:05')).toEqual({ hour: 7, minute: 5 });
    expect(parseTime('23:59')).toEqual({ hour: 23, minute: 59 });
    for (const bad of ['24:00', '7', '07:60', 'седем', '']) expect(() => parseTime(bad)).toThrow('schedule_invalid');
    expect(['Mon', 'monday', 'понеделник', 'пн', 'ПН.'].map(parseWeekday)).toEqual(Array(5).fill('monday'));
    expect(parseWeekday('нд')).toBe('sunday');
    expect(() => parseWeekday('someday')).toThrow('schedule_invalid');
    expect(formatAt(weekly)).toBe('monday 07:05');
    expect(formatAt(daily)).toBe('23:30');
  });

  it('computes the next run in local time', () => {
    const sat = new Date(2026, 11, 5, 12, 0); // Saturday 5 December 2026, noon
    expect(nextRun(weekly, sat)).toEqual(new Date(2026, 11, 7, 7, 5));
    expect(nextRun(daily, sat)).toEqual(new Date(2026, 11, 5, 23, 30));
    expect(nextRun(daily, new Date(2026, 11, 5, 23, 30))).toEqual(new Date(2026, 11, 6, 23, 30));
    expect(nextRun({ kind: 'weekly', day: 'saturday', hour: 12, minute: 0 }, sat)).toEqual(new Date(2026, 11, 12, 12, 0));
    const iso = localIso(new Date(2026, 11, 7, 7, 5));
    expect(iso).toMatch(/^2026-12-07T07:05:00[+-]\d\d:\d\d$/);
    expect(Date.parse(iso)).toBe(new Date(2026, 11, 7, 7, 5).getTime());
  });
});

describe('the command registered', () => {
  it('is the app executable in headless mode inside Electron, the CLI under plain Node', () => {
    const app = detectScheduledCommand({ dbPath: '/d/barsy-sync.sqlite', defaultDbPath: '/d/barsy-sync.sqlite', versions: { ...process.versions, electron: '45.5.0' }, execPath: '/opt/app/barsy' });
    expect(app).toEqual({ kind: 'app', program: '/opt/app/barsy', args: ['--sync', '--watch', '--quiet'] });
    const cli = detectScheduledCommand({ dbPath: '/other/x.sqlite', defaultDbPath: '/d/barsy-sync.sqlite', versions: { node: '20.20.0' } as NodeJS.ProcessVersions, execPath: '/usr/bin/node', cliBin: '/p/bin/barsy-sync.mjs' });
    expect(cli).toEqual({ kind: 'cli', program: '/usr/bin/node', args: ['/p/bin/barsy-sync.mjs', '--db', '/other/x.sqlite', 'sync', '--watch', '--quiet'] });
    expect(commandText(macCmd)).toBe('"/Applications/Barsy Mailchimp Sync.app/Contents/MacOS/Barsy Mailchimp Sync" --sync --watch --quiet');
  });
});

describe('Windows Task Scheduler XML', () => {
  const parser = new XMLParser({ ignoreAttributes: false, parseTagValue: false, trimValues: true });

  it('parses back with every field as Task Scheduler needs it', () => {
    const now = new Date(2026, 11, 5, 12, 0);
    const doc = parser.parse(taskXml(weekly, appCmd, now));
    const task = doc.Task;
    expect(doc['?xml']['@_encoding']).toBe('UTF-16');
    expect(task['@_xmlns']).toBe('http://schemas.microsoft.com/windows/2004/02/mit/task');
    expect(task['@_version']).toBe('1.2');
    expect(task.RegistrationInfo.URI).toBe('\\Barsy Mailchimp Sync');
    const trig = task.Triggers.CalendarTrigger;
    expect(trig.StartBoundary).toBe('2026-12-07T07:05:00');
    expect(trig.Enabled).toBe('true');
    expect(trig.ScheduleByWeek.WeeksInterval).toBe('1');
    expect(Object.keys(trig.ScheduleByWeek.DaysOfWeek)).toEqual(['Monday']);
    expect(trig.ScheduleByDay).toBeUndefined();
    // Current user, no stored password, no elevation.
    expect(task.Principals.Principal['@_id']).toBe('Author');
    expect(task.Principals.Principal.UserId).toBeUndefined();
    expect(task.Principals.Principal.LogonType).toBe('InteractiveToken');
    expect(task.Principals.Principal.RunLevel).toBe('LeastPrivilege');
    expect(task.Settings.MultipleInstancesPolicy).toBe('IgnoreNew');
    expect(task.Settings.StartWhenAvailable).toBe('true');
    expect(task.Settings.DisallowStartIfOnBatteries).toBe('false');
    expect(task.Actions['@_Context']).toBe('Author');
    expect(task.Actions.Exec.Command).toBe(appCmd.program);
    // The arguments, read back as Windows splits a command line, are exactly the ones registered.
    const argLine = parser.parse(taskXml(weekly, appCmd, now)).Task.Actions.Exec.Arguments as string;
    expect(windowsSplit(argLine)).toEqual(appCmd.args);
  });

  it('a daily task repeats every day from the next occurrence', () => {
    const task = parser.parse(taskXml(daily, appCmd, new Date(2026, 11, 5, 23, 45))).Task;
    expect(task.Triggers.CalendarTrigger.StartBoundary).toBe('2026-12-06T23:30:00');
    expect(task.Triggers.CalendarTrigger.ScheduleByDay.DaysInterval).toBe('1');
    expect(task.Triggers.CalendarTrigger.ScheduleByWeek).toBeUndefined();
  });

  it('quotes arguments so that Windows reads them back unchanged', () => {
    const tricky = ['plain', 'with space', 'ends\\', 'ends with space\\', 'a"b', '', 'c:\\x\\"y"'];
    expect(windowsSplit(tricky.map(windowsQuote).join(' '))).toEqual(tricky);
  });
});

describe('macOS LaunchAgent plist', () => {
  it('parses back with the label, the arguments and the calendar interval', () => {
    const doc = plist.parse(agentPlist(weekly, macCmd)) as Record<string, unknown>;
    expect(doc.Label).toBe(AGENT_LABEL);
    expect(doc.ProgramArguments).toEqual([macCmd.program, ...macCmd.args]);
    expect(doc.StartCalendarInterval).toEqual({ Weekday: 1, Hour: 7, Minute: 5 });
    expect(doc.RunAtLoad).toBe(false);
    expect(Object.keys(doc).sort()).toEqual(['Label', 'ProcessType', 'ProgramArguments', 'RunAtLoad', 'StartCalendarInterval']);
    const d = plist.parse(agentPlist({ kind: 'weekly', day: 'sunday', hour: 0, minute: 0 }, appCmd)) as Record<string, unknown>;
    expect(d.StartCalendarInterval).toEqual({ Weekday: 0, Hour: 0, Minute: 0 });
    expect(d.ProgramArguments).toEqual([appCmd.program, ...appCmd.args]);
    expect((plist.parse(agentPlist(daily, macCmd)) as Record<string, unknown>).StartCalendarInterval).toEqual({ Hour: 23, Minute: 30 });
  });
});

describe('systemd user units', () => {
  it('parse back as INI with a oneshot service and a persistent timer', () => {
    const { service, timer } = systemdUnits(weekly, nodeCmd);
    const s = ini.parse(service);
    const t = ini.parse(timer);
    expect(s.Service.Type).toBe('oneshot');
    expect(s.Unit.Description).toMatch(/Barsy/);
    expect(t.Timer).toEqual({ OnCalendar: 'Mon *-*-* 07:05:00', Persistent: true, Unit: `${UNIT_NAME}.service` });
    expect(t.Install.WantedBy).toBe('timers.target');
    // % and $ doubled for systemd; the word with a space quoted.
    expect(s.Service.ExecStart).toBe('/usr/bin/node "/opt/barsy sync/bin/barsy-sync.mjs" --db "/srv/data/100%%$$x.sqlite" sync --watch --quiet');
    expect(onCalendar(daily)).toBe('*-*-* 23:30:00');
  });
});

describe('crontab line', () => {
  it('runs at the minute, hour and weekday given, with shell quoting and % escaped', () => {
    const line = cronLine(weekly, nodeCmd);
    const [minute, hour, dom, month, dow] = line.split(' ');
    expect([minute, hour, dom, month, dow]).toEqual(['5', '7', '*', '*', '1']);
    expect(line).toContain("'/opt/barsy sync/bin/barsy-sync.mjs'");
    expect(line).toContain('100\\%$x.sqlite');
    expect(line.endsWith('# barsy-mailchimp-sync schedule')).toBe(true);
    expect(cronLine(daily, nodeCmd).split(' ').slice(0, 5)).toEqual(['30', '23', '*', '*', '*']);
    expect(cronQuote("it's")).toBe(`'it'\\''s'`);
  });
});
