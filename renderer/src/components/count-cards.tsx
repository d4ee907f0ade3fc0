import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { formatNumber } from '../i18n/format.js';
import { useLang } from '../i18n/index.js';

export type CountCard = { key: string; label: string; value: number; color?: string; hint?: ReactNode };

/** A row of big numbers (clients, eligible, created, …). */
export function CountCards({ cards, cols = 4 }: { cards: CountCard[]; cols?: number }) {
  const lang = useLang();
  return (
    <SimpleGrid cols={cols} spacing="sm">
      {cards.map((c) => (
        <Paper key={c.key} withBorder p="md" radius="md" data-testid={`count-${c.key}`}>
          <Text size="sm" c="dimmed">
            {c.label}
          </Text>
          <Text fz={26} fw={700} c={c.color}>
            {formatNumber(c.value, lang)}
          </Text>
          {c.hint && (
            <Text size="xs" c="dimmed">
              {c.hint}
            </Text>
          )}
        </Paper>
      ))}
    </SimpleGrid>
  );
}
