import { XMLParser } from 'fast-xml-parser';
import ini from 'ini';
import fs from 'node:fs';
import path from 'node:path';
import * as plist from 'plist';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AGENT_LABEL } from '../../main/schedule/launch-agent.js';
import type { ScheduledCommand } from '../../main/schedule/scheduled-command.js';
import { setSchedule, showSchedule, turnOffSchedule } from '../../main/schedule/schedule-service.js';
import { CRON_MARKER } from '../../main/schedule/crontab-entry.js';
import { TASK_NAME } from '../../main/schedule/windows-task.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';
import { createFakeTools, type FakeTools } from './fake-tools.js';
import { BIN, runCliWith } from '../helpers/run-cli-with.js';

const command: ScheduledCommand = { kind: 'app', program: '/opt/Barsy Mailchimp Sync/barsy-mailchimp-sync', args: ['--sync', '--watch', '--quiet'] };

let app: TempApp;
let fake: FakeTools;
beforeEach(() => {
  app = createTempApp('barsy-schedule-');
  fake = createFakeTools();
});
afterEach(async () => {
  await app.cleanup();
  fake.cleanup();
});

describe('registration with the operating system (fake tools on PATH)', () => {
  it('Windows: schtasks /Create /XML with a UTF-16 task file, /Delete when turned off', async () => {
    const host = { platform: 'win32' as const, env: fake.env, home: fake.home, command };
    const view = await setSchedule(app.ctx, { kind: 'weekly', day: 'monday', hour: 7, minute: 0 }, host);
    const create = fake.calls().find((c) => c.tool === 'schtasks' && c.args[0] === '/Create')!;
    expect(create.args.slice(0, 3)).toEqual(['/Create', '/TN', TASK_NAME]);
    expect(create.args[3]).toBe('/XML');
    expect(create.args[5]).toBe('/F');
    expect(create.args).not.toContain('/RU'); // the current user; no other account, no password
    const bytes = Buffer.from(create.xml!, 'base64');
    expect([...bytes.subarray(0, 2)]).toEqual([0xff, 0xfe]);
    const task = new XMLParser({ parseTagValue: false }).parse(bytes.subarray(2).toString('utf16le')).Task;
    expect(task.Actions.Exec.Command).toBe(command.program);
    expect(task.Actions.Exec.Arguments).toBe('--sync --watch --quiet');
    expect(Object.keys(task.Triggers.CalendarTrigger.ScheduleByWeek.DaysOfWeek)).toEqual(['Monday']);
    // The temporary XML file is gone once registered.
    expect(fs.existsSync(create.args[4]!)).toBe(false);
    expect(view).toMatchObject({ enabled: true, kind: 'weekly', at: 'monday 07:00', entry: TASK_NAME, command: '"/opt/Barsy Mailchimp Sync/barsy-mailchimp-sync" --sync --watch --quiet' });

    expect(await turnOffSchedule(app.ctx, host)).toEqual({ enabled: false });
    expect(fake.calls().at(-1)).toMatchObject({ tool: 'schtasks', args: ['/Delete', '/TN', TASK_NAME, '/F'] });
    expect(showSchedule(app.ctx)).toEqual({ enabled: false });
    // Turning off again: the task is already gone, which is fine.
    await expect(turnOffSchedule(app.ctx, host)).resolves.toEqual({ enabled: false });
  });

  it('macOS: a LaunchAgent plist in ~/Library/LaunchAgents, bootstrapped into gui/<uid>; off unloads and deletes it', async () => {
    const host = { platform: 'darwin' as const, env: fake.env, home: fake.home, command };
    const view = await setSchedule(app.ctx, { kind: 'daily', hour: 6, minute: 45 }, host);
    const file = path.join(fake.home, 'Library', 'LaunchAgents', `${AGENT_LABEL}.plist`);
    expect(view).toMatchObject({ enabled: true, kind: 'daily', at: '06:45', entry: file });
    const doc = plist.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(doc.ProgramArguments).toEqual([command.program, ...command.args]);
    expect(doc.StartCalendarInterval).toEqual({ Hour: 6, Minute: 45 });
    const uid = process.getuid!();
    expect(fake.calls().filter((c) => c.tool === 'launchctl').map((c) => c.args)).toEqual([
      ['bootout', `gui/${uid}/${AGENT_LABEL}`],
      ['bootstrap', `gui/${uid}`, file],
    ]);
    // Changing the time replaces the loaded agent.
    await setSchedule(app.ctx, { kind: 'weekly', day: 'friday', hour: 18, minute: 0 }, host);
    expect((plist.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>).StartCalendarInterval).toEqual({ Weekday: 5, Hour: 18, Minute: 0 });
    await turnOffSchedule(app.ctx, host);
    expect(fs.existsSync(file)).toBe(false);
    expect(fake.calls().at(-1)!.args).toEqual(['bootout', `gui/${uid}/${AGENT_LABEL}`]);
  });

  it('Linux with systemd: user units, daemon-reload, enable and restart the timer; off disables and deletes', async () => {
    const host = { platform: 'linux' as const, env: fake.env, home: fake.home, command };
    const view = await setSchedule(app.ctx, { kind: 'weekly', day: 'sunday', hour: 22, minute: 15 }, host);
    const dir = path.join(fake.home, '.config', 'systemd', 'user');
    expect(view).toMatchObject({ entry: path.join(dir, 'barsy-mailchimp-sync.timer'), at: 'sunday 22:15' });
    const timer = ini.parse(fs.readFileSync(path.join(dir, 'barsy-mailchimp-sync.timer'), 'utf8'));
    expect(timer.Timer.OnCalendar).toBe('Sun *-*-* 22:15:00');
    const service = ini.parse(fs.readFileSync(path.join(dir, 'barsy-mailchimp-sync.service'), 'utf8'));
    expect(service.Service.ExecStart).toBe('"/opt/Barsy Mailchimp Sync/barsy-mailchimp-sync" --sync --watch --quiet');
    expect(fake.calls().map((c) => `${c.tool} ${c.args.join(' ')}`)).toEqual([
      'systemctl --user show-environment',
      'systemctl --user daemon-reload',
      'systemctl --user enable barsy-mailchimp-sync.timer',
      'systemctl --user restart barsy-mailchimp-sync.timer',
    ]);
    await turnOffSchedule(app.ctx, host);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(fake.calls().slice(-2).map((c) => c.args.join(' '))).toEqual(['--user disable --now barsy-mailchimp-sync.timer', '--user daemon-reload']);
  });

  it('Linux without systemd: one marked crontab line, the user\'s own lines kept; off removes only ours', async () => {
    const noSystemd = createFakeTools({ systemd: 'absent' });
    try {
      noSystemd.setCrontab('# mine\n0 3 * * * /usr/local/bin/backup\n');
      const host = { platform: 'linux' as const, env: noSystemd.env, home: noSystemd.home, command };
      const view = await setSchedule(app.ctx, { kind: 'weekly', day: 'monday', hour: 7, minute: 0 }, host);
      expect(view).toMatchObject({ entry: 'crontab' });
      expect(noSystemd.crontab()).toBe(`# mine\n0 3 * * * /usr/local/bin/backup\n0 7 * * 1 '/opt/Barsy Mailchimp Sync/barsy-mailchimp-sync' --sync --watch --quiet ${CRON_MARKER}\n`);
      // Set again: still one line of ours.
      await setSchedule(app.ctx, { kind: 'daily', hour: 8, minute: 30 }, host);
      expect(noSystemd.crontab()!.split('\n').filter((l) => l.includes(CRON_MARKER))).toHaveLength(1);
      expect(noSystemd.crontab()).toContain('30 8 * * * ');
      await turnOffSchedule(app.ctx, host);
      expect(noSystemd.crontab()).toBe('# mine\n0 3 * * * /usr/local/bin/backup\n');
    } finally {
      noSystemd.cleanup();
    }
  });

  it('a tool that fails gives one clear message and records nothing', async () => {
    const env = { ...fake.env, PATH: path.dirname(process.execPath) }; // no launchctl on PATH
    const host = { platform: 'darwin' as const, env, home: fake.home, command };
    await expect(setSchedule(app.ctx, { kind: 'daily', hour: 7, minute: 0 }, host)).rejects.toMatchObject({
      appError: { code: 'schedule_register_failed', params: { tool: 'launchctl bootstrap', detail: 'not found' } },
    });
    expect(showSchedule(app.ctx)).toEqual({ enabled: false });
  });
});

describe('barsy-sync schedule (CLI, real child process)', () => {
  it('set, show --json, off, on this Linux machine with a fake systemctl', async () => {
    const env = { ...fake.env, BARSY_SYNC_DB: path.join(app.dir, 'barsy-sync.sqlite'), BARSY_SYNC_LANG: 'en' };
    const set = await runCliWith(['schedule', 'set', '--weekly', 'понеделник', '07:00'], env);
    expect(set.stderr).toBe('');
    expect(set.code).toBe(0);
    expect(set.stdout).toMatch(/^Automatic sync: every Monday at 07:00; next \d{4}-\d\d-\d\d 07:00\./);
    const show = await runCliWith(['schedule', 'show', '--json'], env);
    const view = JSON.parse(show.stdout) as Record<string, unknown>;
    expect(Object.keys(view)).toEqual(['enabled', 'kind', 'at', 'next', 'command', 'entry']);
    expect(view).toMatchObject({ enabled: true, kind: 'weekly', at: 'monday 07:00' });
    expect(new Date(view.next as string).getDay()).toBe(1);
    // Plain Node here, so the CLI is what runs (the app executable when run inside Electron), with this database.
    expect(view.command).toBe(`${process.execPath} ${BIN} --db ${env.BARSY_SYNC_DB} sync --watch --quiet`);
    expect(view.entry).toBe(path.join(fake.home, '.config', 'systemd', 'user', 'barsy-mailchimp-sync.timer'));

    const bad = await runCliWith(['schedule', 'set', '--daily', '25:00'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain('"25:00" is not a valid time or day');

    const off = await runCliWith(['schedule', 'off'], env);
    expect(off.code).toBe(0);
    expect((await runCliWith(['schedule', 'show', '--json'], env)).stdout).toBe('{"enabled":false}\n');
  }, 60_000);
});
