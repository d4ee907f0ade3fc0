import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { RunStatusBadge } from '../../components/run-summary.js';
import { formatDateTime } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';

/** Home: when the scheduled sync runs next, and how the last automatic run (schedule or watched folder) went. */
export function AutomaticSyncCard() {
  const { t } = useTranslation();
  const lang = useLang();
  const { data } = useCall('schedule:get', {});
  if (!data) return null;
  const { schedule, lastAutomaticRun: last } = data;
  return (
    <Paper withBorder p="lg" radius="md" data-testid="home-automatic">
      <Title order={3} size="h4" mb="xs">
        {t('unattended.homeTitle')}
      </Title>
      <Stack gap={4}>
        <Text size="sm" fw={schedule.enabled ? 600 : undefined}>
          {schedule.enabled ? t('unattended.homeNext', { when: formatDateTime(schedule.next, lang) }) : t('unattended.homeOff')}
        </Text>
        {last ? (
          <Group gap="xs">
            <Text size="sm">{t('unattended.homeLast', { when: formatDateTime(last.startedAt, lang) })}</Text>
            <RunStatusBadge status={last.status} />
            <Button size="compact-sm" variant="subtle" onClick={() => navigate('reports', last.runId)}>
              {t('home.openReport')}
            </Button>
          </Group>
        ) : (
          <Text size="sm">{t('unattended.homeNoLast')}</Text>
        )}
      </Stack>
    </Paper>
  );
}
