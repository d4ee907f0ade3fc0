import type { RunItem, RunSummary, SyncCounts } from '../../../shared/domain/sync.js';
import type { RunData } from '../../../main/runs/run-data.js';

type ItemSeed = Partial<RunItem> & Pick<RunItem, 'outcome'>;

/** A run item with defaults, for building synthetic runs in tests. */
export function item(line: number, seed: ItemSeed): RunItem {
  return {
    clientId: line,
    line,
    name: `Клиент ${line}`,
    email: `client${line}@example.bg`,
    group: 'Редовни',
    reason: null,
    memberStatus: null,
    error: null,
    shortened: [],
    removal: null,
    ...seed,
  };
}

/** Counts that match a list of items (the way the engine stores them). */
export function countsOf(items: RunItem[]): SyncCounts {
  const c: SyncCounts = { clients: items.length, eligible: 0, created: 0, updated: 0, unchanged: 0, skipped: 0, keptStatus: 0, failed: 0 };
  for (const i of items) if (i.outcome) c[i.outcome] += 1;
  c.eligible = c.clients - c.skipped;
  return c;
}

/** A completed run over `items`, with the given summary fields overridden. */
export function runOf(items: RunItem[], over: Partial<RunSummary> = {}): RunData {
  const summary: RunSummary = {
    runId: 7,
    status: 'completed',
    dryRun: false,
    listId: 'a1b2c3d4e5',
    audienceName: 'Клиенти на „Кафе Витоша“',
    importId: 3,
    importFileName: 'klienti-2025-11.csv',
    importedAt: '2025-11-27T07:58:00.000Z',
    startedAt: '2025-11-27T08:00:00.000Z',
    finishedAt: '2025-11-27T08:02:05.000Z',
    durationMs: 125_000,
    counts: countsOf(items),
    requests: 4,
    error: null,
    resumable: false,
    reportEmail: { status: 'not_sent', to: null, sentAt: null, error: null },
    ...over,
  };
  return { summary, items };
}

/** A run with every kind of line a report must show, including hostile names and values. */
export function mixedRun(): RunData {
  const items: RunItem[] = [
    item(2, { outcome: 'created', name: 'Иван Петров', email: 'ivan@example.bg', group: 'VIP' }),
    item(3, { outcome: 'updated', name: 'Мария Георгиева', email: 'maria@example.bg' }),
    item(4, { outcome: 'unchanged' }),
    item(5, { outcome: 'skipped', reason: 'no_email', email: '' }),
    item(6, { outcome: 'skipped', reason: 'invalid_email', email: 'petar@abv,bg' }),
    item(7, { outcome: 'skipped', reason: 'not_subscribed' }),
    item(8, { outcome: 'skipped', reason: 'deleted' }),
    item(9, { outcome: 'skipped', reason: 'group_not_mapped', group: 'Доставчици' }),
    item(10, { outcome: 'skipped', reason: 'duplicate_email', email: 'ivan@example.bg' }),
    item(11, { outcome: 'keptStatus', memberStatus: 'unsubscribed', name: 'Георги Отписан' }),
    item(12, { outcome: 'keptStatus', memberStatus: 'cleaned' }),
    item(13, { outcome: 'keptStatus', memberStatus: 'pending' }),
    item(14, { outcome: 'failed', name: '<script>alert(1)</script>', email: 'x@example.bg', error: { code: 'mailchimp_forgotten_email', params: {} } }),
    item(15, { outcome: 'failed', name: '=HYPERLINK("http://evil.example","клик")', email: 'eve@example.bg', error: { code: 'mailchimp_invalid_merge_fields', params: { detail: 'ADDRESS' } } }),
    item(16, {
      outcome: 'updated',
      name: '+359 Фирма; "Кавички"\nнов ред',
      group: '@група',
      shortened: [{ tag: 'NOTES', originalBytes: 412, sentValue: 'Дълга бележка за клиента…' }],
    }),
    item(17, { outcome: 'skipped', reason: 'not_subscribed', name: '-10+20', removal: 'unsubscribed' }),
  ];
  return runOf(items);
}

/** A big run where every kind of list is long: the worst case for the email's size. */
export function everySectionRun(perKind: number): RunData {
  const kinds: Array<Partial<RunItem> & Pick<RunItem, 'outcome'>> = [
    { outcome: 'failed', error: { code: 'mailchimp_invalid_merge_fields', params: { detail: 'ADDRESS: value too long' } } },
    ...(['unsubscribed', 'cleaned', 'pending', 'transactional'] as const).map((memberStatus) => ({ outcome: 'keptStatus' as const, memberStatus })),
    ...(['invalid_email', 'no_email', 'group_not_mapped', 'not_subscribed', 'duplicate_email', 'deleted'] as const).map((reason) => ({
      outcome: 'skipped' as const,
      reason,
    })),
    { outcome: 'updated', shortened: [{ tag: 'NOTES', originalBytes: 600, sentValue: 'Много дълга бележка за клиента, която не се побира…' }] },
    { outcome: 'skipped', reason: 'not_subscribed', removal: 'archived' },
    { outcome: 'created' },
    { outcome: 'updated' },
  ];
  const items: RunItem[] = [];
  let line = 2;
  for (const kind of kinds) {
    for (let i = 0; i < perKind; i += 1) {
      items.push(item(line, { name: `Търговска фирма „Клиент ${line}“ ЕООД`, email: `office.client.${line}@firma-primer.bg`, group: 'Редовни клиенти', ...kind }));
      line += 1;
    }
  }
  return runOf(items);
}
