import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../shared/domain/sync.js';
import type { WireResult } from '../../shared/ipc-contract.js';
import { markReportDue, markReportNotRequired, recordAttempt } from '../../main/runs/run-reports-store.js';
import { storeRun } from '../helpers/report/stored-run.js';
import { runOf } from '../helpers/report/synthetic-run.js';
import { createTempApp, type TempApp } from '../helpers/temp-context.js';

let app: TempApp;
beforeEach(() => {
  app = createTempApp();
});
afterEach(async () => {
  await app.cleanup();
});

describe('RunSummary.resumable (the renderer offers "continue" from it)', () => {
  const cases: Array<[RunStatus, boolean, boolean]> = [
    ['completed', false, false],
    ['cancelled', false, true],
    ['interrupted', false, true],
    ['failed', false, true],
    ['cancelled', true, false],
    ['failed', true, false],
  ];
  it.each(cases)('a %s run (dry run: %s) → resumable %s, in runs:get and runs:list as the contract checks them', async (status, dryRun, resumable) => {
    const runId = storeRun(app.ctx.db, runOf([], { status, dryRun }));
    const one = await app.dispatch('runs:get', { runId, limit: 1 });
    expect(one).toMatchObject({ ok: true, value: { summary: { runId, status, resumable } } });
    const all = (await app.dispatch('runs:list', {})) as WireResult<'runs:list'>;
    expect(all.ok && all.value.find((r) => r.runId === runId)?.resumable).toBe(resumable);
  });
});

describe('RunSummary.reportEmail in runs:list (read for every listed run in one query) and runs:get', () => {
  it('gives each run its own email status: sent, failed with its error, due, not required, never due, dry run', async () => {
    const { db } = app.ctx;
    const [sent, failed, due, notRequired, never, dry] = [0, 1, 2, 3, 4, 5].map((k) => storeRun(db, runOf([], { status: 'completed', dryRun: k === 5 })));
    recordAttempt(db, sent!, { to: 'owner@shop.bg', ok: true, at: new Date('2026-12-06T05:00:00Z') });
    recordAttempt(db, failed!, { to: 'owner@shop.bg', ok: false, error: { code: 'smtp_auth', params: {} }, at: new Date(), nextRetryAt: null });
    markReportDue(db, due!, 'owner@shop.bg');
    markReportNotRequired(db, notRequired!);
    const all = (await app.dispatch('runs:list', {})) as WireResult<'runs:list'>;
    if (!all.ok) throw new Error(all.error.code);
    const listed = new Map(all.value.map((r) => [r.runId, r.reportEmail]));
    expect(listed.get(sent!)).toEqual({ status: 'sent', to: 'owner@shop.bg', sentAt: '2026-12-06T05:00:00.000Z', error: null });
    expect(listed.get(failed!)).toMatchObject({ status: 'failed', to: 'owner@shop.bg', sentAt: null, error: { code: 'smtp_auth' } });
    expect(listed.get(due!)).toEqual({ status: 'not_sent', to: 'owner@shop.bg', sentAt: null, error: null });
    expect(listed.get(notRequired!)?.status).toBe('not_required');
    expect(listed.get(never!)).toEqual({ status: 'not_sent', to: null, sentAt: null, error: null });
    expect(listed.get(dry!)?.status).toBe('not_required');
    for (const runId of [sent, failed, due, notRequired, never, dry]) {
      const one = (await app.dispatch('runs:get', { runId: runId!, limit: 1 })) as WireResult<'runs:get'>;
      expect(one.ok && one.value.summary.reportEmail).toEqual(listed.get(runId!));
    }
  });
});
