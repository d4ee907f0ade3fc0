import { Divider, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useRuns } from '../../api/runs.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { PageHeader } from '../../components/page-header.js';
import { RunDetail } from './run-detail.js';
import { RunList } from './run-list.js';
import { Busy } from '../../components/busy.js';

/** History of runs and, for the chosen one (or the latest), its full report. */
export function ReportsScreen({ runId }: { runId: number | null }) {
  const { t } = useTranslation();
  // Kept current by main's events: a run's end, and its report email (after a sync, a retry, "send again").
  const runs = useRuns();
  const list = [...(runs.data ?? [])].sort((a, b) => b.runId - a.runId);
  const selected = runId ?? list[0]?.runId ?? null;
  return (
    <Stack>
      <PageHeader title={t('report.title')} description={t('report.description')} />
      {runs.loading && !runs.data && <Busy />}
      <ErrorAlert error={runs.error} />
      {runs.data && <RunList runs={list} selected={selected} />}
      {selected !== null && (
        <>
          <Divider my="sm" />
          <RunDetail runId={selected} />
        </>
      )}
    </Stack>
  );
}
