import { describe, expect, it } from 'vitest';
import type { SyncProgress } from '../../shared/domain/sync.js';
import { createProgressReporter } from '../../main/sync/progress.js';

const counts = { clients: 3, eligible: 3, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 };

describe('progress reporter', () => {
  it('sends nothing after close: a cancelled run’s late results never follow its sync:finished', () => {
    const sent: SyncProgress[] = [];
    let now = 0;
    const p = createProgressReporter(7, (e) => sent.push(e), { intervalMs: 100, now: () => now });
    p.update({ phase: 'pushing', done: 1, total: 3, counts });
    p.update({ phase: 'done', done: 3, total: 3, counts });
    p.flush();
    p.close();
    const before = sent.length;
    now += 1_000;
    p.update({ phase: 'pushing', done: 2, total: 3, counts });
    p.flush();
    expect(sent.length).toBe(before);
    expect(sent.at(-1)?.phase).toBe('done');
  });
});
