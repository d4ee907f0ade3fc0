import { Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { latestRealRun, useRuns } from '../../api/runs.js';
import { useCall } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { AccountName } from '../../components/account-name.js';
import { PageHeader } from '../../components/page-header.js';
import { RunStatusBadge } from '../../components/run-summary.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { AttentionList } from './attention-list.js';
import { AutomaticSyncCard } from './automatic-sync-card.js';

/** The everyday screen: last import and sync at a glance, the two weekly actions, and what needs attention. */
export function HomeScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const current = useCall('import:current', {});
  const runs = useRuns();
  const lastRun = latestRealRun(runs.data);
  const imp = current.data;

  return (
    <Stack>
      <PageHeader title={t('home.title')} description={t('home.description')} />
      <AccountName size="sm" />
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Paper withBorder p="lg" radius="md" data-testid="home-import">
          <Title order={3} size="h4" mb="xs">
            {t('home.lastImport')}
          </Title>
          {imp ? (
            <Stack gap={2}>
              <Text fw={600}>{imp.fileName}</Text>
              <Text size="sm">{formatDateTime(imp.createdAt, lang)}</Text>
              <Text size="sm">{t('home.importCounts', { clients: formatNumber(imp.clients, lang), eligible: formatNumber(imp.eligible, lang) })}</Text>
            </Stack>
          ) : (
            <Text size="sm">{current.loading ? t('common.loading') : t('home.noImport')}</Text>
          )}
          <Button mt="md" onClick={() => navigate('import')}>
            {t('home.importNew')}
          </Button>
        </Paper>
        <Paper withBorder p="lg" radius="md" data-testid="home-sync">
          <Title order={3} size="h4" mb="xs">
            {t('home.lastSync')}
          </Title>
          {lastRun ? (
            <Stack gap={2}>
              <Group gap="xs">
                <Text fw={600}>{formatDateTime(lastRun.startedAt, lang)}</Text>
                <RunStatusBadge status={lastRun.status} />
              </Group>
              <Text size="sm">
                {t('home.syncCounts', {
                  created: formatNumber(lastRun.counts.created, lang),
                  updated: formatNumber(lastRun.counts.updated, lang),
                  failed: formatNumber(lastRun.counts.failed, lang),
                })}
              </Text>
            </Stack>
          ) : (
            <Text size="sm">{runs.loading ? t('common.loading') : t('home.noSync')}</Text>
          )}
          <Group mt="md">
            <Button onClick={() => navigate('sync')} disabled={!imp}>
              {t('home.syncNow')}
            </Button>
            {lastRun && (
              <Button variant="default" onClick={() => navigate('reports', lastRun.runId)}>
                {t('home.openReport')}
              </Button>
            )}
          </Group>
        </Paper>
      </SimpleGrid>
      <AutomaticSyncCard />
      <Title order={3} size="h4" mt="md">
        {t('home.attention')}
      </Title>
      {!runs.loading && <AttentionList lastRun={lastRun} />}
    </Stack>
  );
}
