import { Divider, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call.js';
import { useLiveReportEmails } from '../../api/use-report-status.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { PageHeader } from '../../components/page-header.js';
import { RunDetail } from './run-detail.js';
import { RunList } from './run-list.js';
import { Busy } from '../../components/busy.js';

/** History of runs and, for the chosen one (or the latest), its full report. */
export function ReportsScreen({ runId }: { runId: number | null }) {
  const { t } = useTranslation();
  const runs = useCall('runs:list', {});
  // Email statuses pushed by main (a report sent after a sync, a retry, "send again") update in place.
  const emails = useLiveReportEmails();
  const list = [...(runs.data ?? [])].map(emails.apply).sort((a, b) => b.runId - a.runId);
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
          <RunDetail runId={selected} emails={emails} onChanged={() => void runs.reload()} />
        </>
      )}
    </Stack>
  );
}
