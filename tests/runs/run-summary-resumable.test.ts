import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunStatus } from '../../shared/domain/sync.js';
import type { WireResult } from '../../shared/ipc-contract.js';
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
