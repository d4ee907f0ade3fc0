import type { HandlersFor } from '../context/handler-types.js';
import { AppFailure } from '../../shared/domain/app-error.js';
import { lastAutomaticRun } from '../runs/automatic-runs.js';
import { parseTime, type ScheduleSpec } from './schedule-spec.js';
import { setSchedule, showSchedule, turnOffSchedule } from './schedule-service.js';

/** The schedule channels: each a thin call into the schedule service. */
export const scheduleHandlers: HandlersFor<'schedule:get' | 'schedule:set' | 'schedule:off'> = {
  'schedule:get': (_req, ctx) => ({ schedule: showSchedule(ctx), lastAutomaticRun: lastAutomaticRun(ctx.db) }),
  'schedule:set': async (req, ctx) => {
    const { hour, minute } = parseTime(req.time);
    if (req.kind === 'weekly' && !req.day) throw new AppFailure('schedule_invalid', { value: req.time });
    const spec: ScheduleSpec = req.kind === 'weekly' && req.day ? { kind: 'weekly', day: req.day, hour, minute } : { kind: 'daily', hour, minute };
    return setSchedule(ctx, spec);
  },
  'schedule:off': (_req, ctx) => turnOffSchedule(ctx),
};
