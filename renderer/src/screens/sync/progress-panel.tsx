import { Button, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncProgress } from '../../../../shared/domain/sync.js';
import { OUTCOMES, OUTCOME_COLORS } from '../../components/outcomes.js';
import { formatDuration, formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';

/** Phase, a progress bar with done/total, counts so far, rate and time left, and Cancel. */
export function ProgressPanel({ progress, cancelling, onCancel }: { progress: SyncProgress | null; cancelling: boolean; onCancel: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pct = progress && progress.total > 0 ? Math.min(100, (progress.done / progress.total) * 100) : 0;
  return (
    <Paper withBorder p="lg" radius="md" data-testid="sync-progress">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text fw={700} size="lg" aria-live="polite">
            {cancelling ? t('sync.cancelling') : progress ? t(`phase.${progress.phase}`) : t('sync.starting')}
          </Text>
          <Text fw={600} data-testid="sync-done-total">
            {progress ? `${formatNumber(progress.done, lang)} / ${formatNumber(progress.total, lang)}` : ''}
          </Text>
        </Group>
        <Progress value={pct} size="xl" striped animated aria-label={t('sync.progressLabel')} />
        <Group gap="xl">
          <Text size="sm">
            {t('sync.rate')}: <b>{progress ? t('sync.rateValue', { n: formatNumber(Math.round(progress.rate), lang) }) : '—'}</b>
          </Text>
          <Text size="sm">
            {t('sync.eta')}: <b>{progress?.etaMs !== null && progress?.etaMs !== undefined ? formatDuration(progress.etaMs, lang) : '—'}</b>
          </Text>
        </Group>
        {progress && (
          <SimpleGrid cols={6} spacing="xs">
            {OUTCOMES.map((o) => (
              <div key={o}>
                <Text size="xs">{t(`outcome.${o}`)}</Text>
                <Text fw={700} c={OUTCOME_COLORS[o]}>
                  {formatNumber(progress.counts[o], lang)}
                </Text>
              </div>
            ))}
          </SimpleGrid>
        )}
        <Group>
          <Button color="red" variant="outline" onClick={onCancel} loading={cancelling} c="red">
            {t('sync.cancel')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('sync.cancelHint')}
          </Text>
        </Group>
      </Stack>
    </Paper>
  );
}
