import { Box, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { SyncCounts } from '../../../shared/domain/sync.js';
import { formatNumber } from '../i18n/format.js';
import { useLang } from '../i18n/index.js';
import { OUTCOMES, OUTCOME_COLORS } from './outcomes.js';

/**
 * Outcomes as horizontal bars (plain HTML, so the numbers are real text for screen readers and
 * screenshots). The caption says the counts add up to the number of clients.
 */
export function OutcomeChart({ counts, planned = false }: { counts: SyncCounts; planned?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const max = Math.max(1, ...OUTCOMES.map((o) => counts[o]));
  const sum = OUTCOMES.reduce((s, o) => s + counts[o], 0);
  return (
    <Box component="figure" m={0}>
      <Stack gap={8}>
        {OUTCOMES.map((o) => (
          <Group key={o} gap="sm" wrap="nowrap">
            <Text size="sm" w={190} style={{ flexShrink: 0 }}>
              {t(planned ? `outcomePlanned.${o}` : `outcome.${o}`)}
            </Text>
            <Box style={{ flex: 1, background: 'var(--mantine-color-gray-1)', borderRadius: 4, height: 20 }} aria-hidden="true">
              <Box
                style={{
                  width: `${(counts[o] / max) * 100}%`,
                  minWidth: counts[o] > 0 ? 3 : 0,
                  height: '100%',
                  borderRadius: 4,
                  background: `var(--mantine-color-${OUTCOME_COLORS[o]}-6)`,
                }}
              />
            </Box>
            <Text size="sm" fw={600} w={70} ta="right" style={{ flexShrink: 0 }}>
              {formatNumber(counts[o], lang)}
            </Text>
          </Group>
        ))}
      </Stack>
      <Text component="figcaption" size="sm" mt="sm" c="dimmed">
        {t(sum < counts.clients ? 'chart.captionPartial' : 'chart.caption', { total: formatNumber(counts.clients, lang), sum: formatNumber(sum, lang) })}
      </Text>
    </Box>
  );
}
