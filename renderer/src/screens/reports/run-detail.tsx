import { Button, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunItem } from '../../../../shared/domain/sync.js';
import { call } from '../../api/client.js';
import { putRunSummary, useRun } from '../../api/runs.js';
import { useAction } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { OutcomeFilter, type OutcomeFilterValue } from '../../components/outcome-filter.js';
import { runItemColumns } from '../../components/run-item-columns.js';
import { RunSummaryPanel } from '../../components/run-summary.js';
import { VirtualTable, type Page } from '../../components/virtual-table.js';
import { useLang } from '../../i18n/index.js';
import { saveText } from './download.js';
import { Busy } from '../../components/busy.js';
import { notify } from '../../components/notify.js';

/** One run: summary, chart, email status with "resend", "export CSV", and the per-client table. */
export function RunDetail({ runId }: { runId: number }) {
  const { t } = useTranslation();
  const lang = useLang();
  const client = useQueryClient();
  const head = useRun(runId);
  const [filter, setFilter] = useState<OutcomeFilterValue>({ outcome: '', search: '' });
  const exporting = useAction();
  const resending = useAction();

  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Page<RunItem> | null> => {
      const res = await call('runs:get', {
        runId,
        offset,
        limit,
        ...(filter.outcome ? { outcome: filter.outcome } : {}),
        ...(filter.search ? { search: filter.search } : {}),
      });
      return res.ok ? { total: res.value.total, items: res.value.items } : null;
    },
    [runId, filter],
  );

  const exportCsv = async () => {
    const res = await exporting.run('report:export', { runId, format: 'csv' });
    if (!res) return;
    // Through main's save dialog (the app refuses browser downloads); a failure shows like any other.
    const saved = await saveText(res.fileName, res.content, 'csv');
    if (!saved.saved && saved.error) exporting.setError(saved.error);
  };

  const resend = async () => {
    const res = await resending.run('report:resend', { runId });
    if (res) {
      notify('green', t('report.resent', { to: res.reportEmail.to ?? '' }));
      putRunSummary(client, res);
    }
  };

  if (head.error) return <ErrorAlert error={head.error} />;
  const summary = head.data;

  // The table is mounted at once, beside the summary: its first page is asked for while the summary loads.
  return (
    <Stack gap="md">
      {summary ? (
        <RunSummaryPanel
          summary={summary}
          actions={
            <>
              {summary.resumable && <Button onClick={() => navigate('sync')}>{t('sync.resume')}</Button>}
              <Button variant="default" onClick={() => void exportCsv()} loading={exporting.busy}>
                {t('report.exportCsv')}
              </Button>
              {!summary.dryRun && (
                <Button variant="default" onClick={() => void resend()} loading={resending.busy}>
                  {t('report.resend')}
                </Button>
              )}
            </>
          }
        />
      ) : (
        <Busy />
      )}
      <ErrorAlert error={exporting.error ?? resending.error} />
      <Text fw={600}>{t('report.clientsTitle')}</Text>
      <OutcomeFilter planned={false} onChange={setFilter} />
      <VirtualTable label={t('report.tableLabel', { id: runId })} columns={runItemColumns(t, lang, false)} fetchPage={fetchPage} resetKey={`${runId}|${filter.outcome}|${filter.search}`} />
    </Stack>
  );
}
