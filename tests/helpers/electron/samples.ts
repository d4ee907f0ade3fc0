import type { EventOf } from '../../../shared/ipc-contract.js';

const counts = { clients: 3, eligible: 2, created: 1, updated: 1, unchanged: 0, skipped: 1, keptStatus: 0, failed: 0 };

/** A valid `sync:finished` payload. */
export function sampleRunSummary(over: Partial<EventOf<'sync:finished'>> = {}): EventOf<'sync:finished'> {
  return {
    runId: 7,
    status: 'completed',
    dryRun: false,
    listId: 'list1',
    audienceName: 'Клиенти',
    importId: 1,
    importFileName: 'clients.csv',
    importedAt: '2025-01-01T00:00:00.000Z',
    startedAt: '2025-01-01T00:00:01.000Z',
    finishedAt: '2025-01-01T00:00:02.000Z',
    durationMs: 1000,
    counts,
    requests: 2,
    error: null,
    resumable: false,
    reportEmail: { status: 'sent', to: 'owner@example.com', sentAt: '2025-01-01T00:00:02.000Z', error: null },
    ...over,
  };
}

/** A valid `sync:progress` payload. */
export function sampleProgress(): EventOf<'sync:progress'> {
  return { runId: 7, phase: 'pushing', done: 1, total: 2, counts, rate: 10, etaMs: 100 };
}
