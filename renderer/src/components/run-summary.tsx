import { Alert, Badge, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunStatus, RunSummary } from '../../../shared/domain/sync.js';
import { formatError } from '../../../shared/i18n/messages.js';
import { formatDateTime, formatDuration, formatNumber } from '../i18n/format.js';
import { useLang } from '../i18n/index.js';
import { ErrorAlert } from './error-alert.js';
import { OutcomeChart } from './outcome-chart.js';

const STATUS_COLOR: Record<RunStatus, string> = { running: 'blue', completed: 'green', cancelled: 'orange', interrupted: 'orange', failed: 'red' };

/** Clients that already have an outcome in this run. */
function processed(s: RunSummary): number {
  const c = s.counts;
  return c.created + c.updated + c.unchanged + c.skipped + c.keptStatus + c.failed;
}

/** A run's status as a badge (also used in the history list). */
export function RunStatusBadge({ status }: { status: RunStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]}>
      {t(`runStatus.${status}`)}
    </Badge>
  );
}

/** One sentence about the report email of a run. */
export function emailStatusText(s: RunSummary, t: TFunction, lang: 'bg' | 'en'): string {
  const e = s.reportEmail;
  switch (e.status) {
    case 'sent':
      return t('report.emailSent', { to: e.to ?? '', date: formatDateTime(e.sentAt, lang) });
    case 'failed':
      return `${t('report.emailFailed')} ${e.error ? formatError(e.error, lang) : ''}`;
    case 'not_sent':
      return s.status === 'completed' ? t('report.emailNotSent') : t('report.emailAfterFinish');
    case 'not_required':
      return t('report.emailNotRequired');
  }
}

/** Status, key facts, the outcome chart and the report email of one run. */
export function RunSummaryPanel({ summary, actions, emailPending = false }: { summary: RunSummary; actions?: ReactNode; emailPending?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const facts: Array<[string, string]> = [
    [t('report.audience'), summary.audienceName || summary.listId],
    [t('report.file'), summary.importFileName],
    [t('report.started'), formatDateTime(summary.startedAt, lang)],
    [t('report.duration'), formatDuration(summary.durationMs, lang)],
    [t('report.requests'), formatNumber(summary.requests, lang)],
  ];
  return (
    <Stack gap="md" data-testid="run-summary">
      <Group justify="space-between">
        <Group gap="sm">
          <Text fw={700} size="lg">
            {t('report.runTitle', { id: summary.runId })}
          </Text>
          <RunStatusBadge status={summary.status} />
          {summary.dryRun && <Badge color="gray">{t('report.dryRun')}</Badge>}
        </Group>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      <ErrorAlert error={summary.error} />
      {(summary.status === 'cancelled' || summary.status === 'interrupted') && (
        <Alert color="orange" variant="light" data-testid="stopped-note">
          {t('report.stoppedNote', { left: formatNumber(Math.max(0, summary.counts.clients - processed(summary)), lang) })}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" radius="md">
          <OutcomeChart counts={summary.counts} />
        </Paper>
        <Paper withBorder p="md" radius="md">
          <Stack gap={6}>
            {facts.map(([k, v]) => (
              <Group key={k} justify="space-between" wrap="nowrap">
                <Text size="sm">{k}</Text>
                <Text size="sm" fw={600} ta="right" truncate maw={300} title={v}>
                  {v}
                </Text>
              </Group>
            ))}
            <Alert mt="xs" p="xs" color={summary.reportEmail.status === 'failed' ? 'red' : summary.reportEmail.status === 'sent' ? 'green' : 'gray'} variant="light" data-testid="email-status">
              {emailPending ? t('report.emailSending') : emailStatusText(summary, t, lang)}
            </Alert>
          </Stack>
        </Paper>
      </SimpleGrid>
    </Stack>
  );
}
