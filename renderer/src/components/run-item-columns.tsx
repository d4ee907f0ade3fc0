import { Badge } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { RunItem } from '../../../shared/domain/sync.js';
import { formatError, formatReason, type Language } from '../../../shared/i18n/messages.js';
import { MarkedEmail } from './marked-email.js';
import { OUTCOME_COLORS } from './outcomes.js';
import type { Column } from './virtual-table.js';

/** The one sentence that explains a client's outcome (reason, kept status, Mailchimp's error, cuts). */
export function itemDetail(item: RunItem, t: TFunction, lang: Language): string {
  const parts: string[] = [];
  if (item.reason) parts.push(formatReason(item.reason, lang));
  if (item.memberStatus && item.outcome === 'keptStatus') parts.push(t('detail.kept', { status: t(`memberStatus.${item.memberStatus}`) }));
  if (item.error) parts.push(formatError(item.error, lang));
  if (item.removal) parts.push(t(`detail.removal.${item.removal}`));
  if (item.shortened.length > 0) parts.push(t('detail.shortened', { tags: item.shortened.map((s) => s.tag).join(', ') }));
  return parts.join(' · ');
}

/** `1001 · C1001`: a client's Barsy ID and code ('' when the export has neither). */
function barsyKeys(r: RunItem): string {
  return [r.barsyId ?? '', r.code ?? ''].filter((x) => x !== '').join(' · ');
}

/** Columns shared by the preview and the report tables. */
export function runItemColumns(t: TFunction, lang: Language, planned: boolean): Array<Column<RunItem>> {
  return [
    { key: 'line', header: t('table.line'), width: '64px', render: (r) => r.line },
    // How to find the client in Barsy: its ID and client code, when the export has them.
    { key: 'barsy', header: t('table.barsy'), width: 'minmax(90px, 0.6fr)', render: (r) => barsyKeys(r) || '—', title: (r) => barsyKeys(r) },
    { key: 'name', header: t('table.name'), width: 'minmax(140px, 1.2fr)', render: (r) => r.name, title: (r) => r.name },
    { key: 'email', header: t('table.email'), width: 'minmax(160px, 1.3fr)', render: (r) => <MarkedEmail email={r.email} suggestion={r.emailSuggestion} />, title: (r) => r.email },
    { key: 'group', header: t('table.group'), width: 'minmax(100px, 0.8fr)', render: (r) => r.group || '—', title: (r) => r.group },
    {
      key: 'outcome',
      header: planned ? t('table.plannedAction') : t('table.outcome'),
      width: '150px',
      render: (r) =>
        r.outcome ? (
          <Badge color={OUTCOME_COLORS[r.outcome]}>
            {t(planned ? `outcomeItemPlanned.${r.outcome}` : `outcomeItem.${r.outcome}`)}
          </Badge>
        ) : (
          '—'
        ),
    },
    { key: 'detail', header: t('table.detail'), width: 'minmax(180px, 2fr)', render: (r) => itemDetail(r, t, lang), title: (r) => itemDetail(r, t, lang), wrap: true },
  ];
}
