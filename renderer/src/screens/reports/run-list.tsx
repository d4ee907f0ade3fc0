import { Alert, Anchor, Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/domain/sync.js';
import { RunStatusBadge } from '../../components/run-summary.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';

/** The history of runs, newest first; each opens its report. */
export function RunList({ runs, selected }: { runs: RunSummary[]; selected: number | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (runs.length === 0) return <Alert color="gray">{t('report.noRuns')}</Alert>;
  return (
    <Table.ScrollContainer type="native" minWidth={720}>
      <Table withTableBorder highlightOnHover verticalSpacing="xs" aria-label={t('report.historyLabel')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>№</Table.Th>
            <Table.Th>{t('report.started')}</Table.Th>
            <Table.Th>{t('report.status')}</Table.Th>
            <Table.Th ta="right">{t('outcome.created')}</Table.Th>
            <Table.Th ta="right">{t('outcome.updated')}</Table.Th>
            <Table.Th ta="right">{t('outcome.failed')}</Table.Th>
            <Table.Th>{t('report.email')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {runs.map((r) => (
            <Table.Tr key={r.runId} bg={r.runId === selected ? 'indigo.0' : undefined} aria-selected={r.runId === selected}>
              <Table.Td>
                <Anchor href={`#/reports/${r.runId}`} fw={600} c="indigo" aria-label={t('report.open', { id: r.runId })}>
                  {r.runId}
                </Anchor>
              </Table.Td>
              <Table.Td>
                {formatDateTime(r.startedAt, lang)}
                {r.dryRun ? ` · ${t('report.dryRun')}` : ''}
              </Table.Td>
              <Table.Td>
                <RunStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td ta="right">{formatNumber(r.counts.created, lang)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.counts.updated, lang)}</Table.Td>
              <Table.Td ta="right">{formatNumber(r.counts.failed, lang)}</Table.Td>
              <Table.Td>{t(`emailStatus.${r.reportEmail.status}`)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
