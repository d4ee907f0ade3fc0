import { Alert, Button, Center, Group, Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { askNotificationPermission } from '../../api/sync-notification.js';
import { useCall } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { useSettings } from '../../app/settings-context.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { PageHeader } from '../../components/page-header.js';
import { RunSummaryPanel } from '../../components/run-summary.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { ProgressPanel } from './progress-panel.js';
import { useSyncRun } from './use-sync-run.js';
import { Busy } from '../../components/busy.js';

/** One big button; then progress; then the summary with a chart; resume after an interruption. */
export function SyncScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const current = useCall('import:current', {});
  // The end-of-sync notification is not shown here: main shows it in the app, `api/run-events.ts` in the browser bridge.
  const run = useSyncRun();
  const { view } = run;
  const imp = current.data;
  const reportTo = useSettings().settings.values['report.email'];

  return (
    <Stack>
      <PageHeader title={t('sync.title')} description={t('sync.description')} />
      <ErrorAlert error={run.error} />
      {view.kind === 'loading' && (
        <Center h={120}>
          <Busy />
        </Center>
      )}
      {view.kind === 'idle' && (
        <Stack>
          {view.last?.resumable && (
            <Alert color="orange" variant="light" title={t('sync.resumeTitle')} data-testid="resume-banner">
              <Stack gap="xs">
                <Text size="sm">
                  {t('sync.resumeBody', {
                    id: view.last.runId,
                    status: t(`runStatus.${view.last.status}`),
                    done: formatNumber(view.last.counts.created + view.last.counts.updated + view.last.counts.unchanged, lang),
                  })}
                </Text>
                <Group>
                  <Button onClick={() => void run.resume(view.last!.runId)}>
                    {t('sync.resume')}
                  </Button>
                </Group>
              </Stack>
            </Alert>
          )}
          <Paper withBorder p="xl" radius="md">
            <Stack align="center" gap="md">
              {imp ? (
                <Text ta="center">
                  {t('sync.readyBody', { file: imp.fileName, date: formatDateTime(imp.createdAt, lang), eligible: formatNumber(imp.eligible, lang) })}
                </Text>
              ) : (
                <Text ta="center">{current.loading ? t('common.loading') : t('sync.noImport')}</Text>
              )}
              {reportTo && (
                <Text ta="center" size="sm" c="dimmed">
                  {t('sync.reportTo', { to: reportTo })}
                </Text>
              )}
              <Button
                size="xl"
                radius="xl"
                px={48}
                disabled={!imp}
                onClick={() => {
                  askNotificationPermission();
                  void run.start();
                }}
              >
                {t('sync.start')}
              </Button>
              <Button variant="subtle" c="indigo" onClick={() => navigate('preview')}>
                {t('sync.seePreview')}
              </Button>
            </Stack>
          </Paper>
        </Stack>
      )}
      {view.kind === 'running' && <ProgressPanel progress={view.progress} cancelling={view.cancelling} onCancel={() => void run.cancel()} />}
      {view.kind === 'finished' && (
        <Stack>
          <RunSummaryPanel
            summary={view.summary}
            emailPending={run.emailPending}
            actions={
              <>
                {view.summary.resumable && (
                  <Button onClick={() => void run.resume(view.summary.runId)}>
                    {t('sync.resume')}
                  </Button>
                )}
                <Button variant="default" onClick={() => navigate('reports', view.summary.runId)}>
                  {t('sync.openReport')}
                </Button>
                <Button variant="default" onClick={run.reset}>
                  {t('sync.done')}
                </Button>
              </>
            }
          />
        </Stack>
      )}
    </Stack>
  );
}
