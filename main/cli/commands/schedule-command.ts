import type { Command } from 'commander';
import type { Language } from '../../../shared/i18n/messages.js';
import type { ScheduleViewWire } from '../../../shared/domain/schedule.js';
import { AppFailure } from '../../../shared/domain/app-error.js';
import { parseWeekday } from '../../schedule/schedule-spec.js';
import type { CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;

const DAY_BG: Record<string, string> = {
  monday: 'понеделник', tuesday: 'вторник', wednesday: 'сряда', thursday: 'четвъртък', friday: 'петък', saturday: 'събота', sunday: 'неделя',
};

/** The schedule in a few words for a person. */
export function describeSchedule(view: ScheduleViewWire, lang: Language): string {
  if (!view.enabled) return lang === 'bg' ? 'Автоматична синхронизация: изключена.' : 'Automatic sync: off.';
  const [dayOrTime, time] = view.at.split(' ');
  const next = view.next.slice(0, 16).replace('T', ' ');
  if (lang === 'bg') {
    const when = time ? `всеки ${DAY_BG[dayOrTime!] ?? dayOrTime} в ${time}` : `всеки ден в ${dayOrTime}`;
    return `Автоматична синхронизация: ${when}; следваща ${next}.\nЗапис: ${view.entry}\nКоманда: ${view.command}`;
  }
  const when = time ? `every ${dayOrTime![0]!.toUpperCase()}${dayOrTime!.slice(1)} at ${time}` : `every day at ${dayOrTime}`;
  return `Automatic sync: ${when}; next ${next}.\nEntry: ${view.entry}\nCommand: ${view.command}`;
}

/** `barsy-sync schedule set --daily HH:MM | --weekly DAY HH:MM`, `schedule off`, `schedule show [--json]`. */
export function registerScheduleCommand(program: Command, open: Open): void {
  const schedule = program.command('schedule').description('an automatic sync registered with the operating system for this user');
  const print = (view: ScheduleViewWire, json: boolean | undefined, rt: CliRuntime) =>
    process.stdout.write(`${json ? JSON.stringify(view) : describeSchedule(view, rt.lang)}\n`);

  schedule
    .command('set')
    .description('sync every day (--daily 07:00) or every week (--weekly monday 07:00)')
    .argument('[time]', 'HH:MM after --weekly DAY')
    .option('--daily <time>', 'every day at HH:MM')
    .option('--weekly <day>', 'every week on DAY (mon … sun, понеделник …) at the time that follows')
    .option('--json', 'print the schedule as JSON')
    .action(async (time: string | undefined, opts: { daily?: string; weekly?: string; json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      let request: { kind: 'daily' | 'weekly'; day?: ReturnType<typeof parseWeekday>; time: string };
      if (opts.daily !== undefined && opts.weekly === undefined && time === undefined) request = { kind: 'daily', time: opts.daily };
      else if (opts.weekly !== undefined && opts.daily === undefined && time !== undefined) request = { kind: 'weekly', day: parseWeekday(opts.weekly), time };
      else throw new AppFailure('schedule_invalid', { value: [opts.daily ?? '', opts.weekly ?? '', time ?? ''].join(' ').trim() || 'schedule set' });
      print(await rt.call('schedule:set', request), opts.json, rt);
    });

  schedule
    .command('off')
    .description('remove the automatic sync from the operating system')
    .option('--json', 'print {"enabled":false}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      print(await rt.call('schedule:off', {}), opts.json, rt);
    });

  schedule
    .command('show')
    .description('show the automatic sync and when it runs next')
    .option('--json', 'print {"enabled":false} or {"enabled":true,"kind","at","next","command","entry"}')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const rt = open(cmd);
      print((await rt.call('schedule:get', {})).schedule, opts.json, rt);
    });
}
