import type { Command } from 'commander';
import { lowerCase, t, type Language } from '../../../shared/i18n/translate.js';
import type { UiUnattended } from '../../../shared/i18n/catalogue/bg/ui-unattended.js';
import type { ScheduleViewWire } from '../../../shared/domain/schedule.js';
import { AppFailure } from '../../../shared/domain/app-error.js';
import { parseWeekday } from '../../schedule/schedule-spec.js';
import type { CliRuntime } from '../cli-context.js';

type Open = (cmd: Command) => CliRuntime;
type Weekday = keyof UiUnattended['unattended']['days'];

const DAYS: Record<Weekday, true> = { monday: true, tuesday: true, wednesday: true, thursday: true, friday: true, saturday: true, sunday: true };

/** The schedule in a few words for a person, with the settings screen's words for the days. */
export function describeSchedule(view: ScheduleViewWire, lang: Language): string {
  if (!view.enabled) return t('cli.schedule.off', {}, lang);
  const [dayOrTime, time] = view.at.split(' ');
  const next = view.next.slice(0, 16).replace('T', ' ');
  const dayWord = (day: string) => {
    const word = day in DAYS ? t(`unattended.days.${day as Weekday}`, {}, lang) : day;
    return lang === 'bg' ? lowerCase(word, lang) : word;
  };
  const when = time ? t('cli.schedule.weekly', { day: dayWord(dayOrTime!), time }, lang) : t('cli.schedule.daily', { time: dayOrTime! }, lang);
  return [t('cli.schedule.summary', { when, next }, lang), t('unattended.entry', { entry: view.entry }, lang), t('unattended.command', { command: view.command }, lang)].join('\n');
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
