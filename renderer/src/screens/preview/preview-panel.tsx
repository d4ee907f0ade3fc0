import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunItem } from '../../../../shared/domain/sync.js';
import { call } from '../../api/client.js';
import { useCall } from '../../api/use-call.js';
import { CountCards } from '../../components/count-cards.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { OutcomeChart } from '../../components/outcome-chart.js';
import { OutcomeFilter, type OutcomeFilterValue } from '../../components/outcome-filter.js';
import { runItemColumns } from '../../components/run-item-columns.js';
import { VirtualTable, type Page } from '../../components/virtual-table.js';
import { formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { Busy } from '../../components/busy.js';

/** The dry run: what a sync would do for every client, before anything is written to Mailchimp. */
export function PreviewPanel() {
  const { t } = useTranslation();
  const lang = useLang();
  const [refresh, setRefresh] = useState(0);
  const head = useCall('sync:preview', { limit: 1 }, String(refresh));
  const [filter, setFilter] = useState<OutcomeFilterValue>({ outcome: '', search: '' });
  const [tableError, setTableError] = useState<Parameters<typeof ErrorAlert>[0]['error']>(null);

  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Page<RunItem> | null> => {
      const res = await call('sync:preview', {
        offset,
        limit,
        ...(filter.outcome ? { outcome: filter.outcome } : {}),
        ...(filter.search ? { search: filter.search } : {}),
      });
      if (!res.ok) {
        setTableError(res.error);
        return null;
      }
      setTableError(null);
      return { total: res.value.total, items: res.value.items };
    },
    [filter],
  );

  if (head.loading && !head.data)
    return (
      <Group>
        <Busy size="sm" />
        <Text>{t('preview.planning')}</Text>
      </Group>
    );
  if (head.error) return <ErrorAlert error={head.error} />;
  if (!head.data) return null;
  const { counts, removals } = head.data;

  return (
    <Stack gap="lg" data-testid="preview">
      <CountCards
        cols={3}
        cards={[
          { key: 'clients', label: t('preview.clients'), value: counts.clients },
          { key: 'eligible', label: t('preview.eligible'), value: counts.eligible, color: 'green' },
          { key: 'writes', label: t('preview.writes'), value: counts.created + counts.updated, color: 'indigo', hint: t('preview.writesHint') },
        ]}
      />
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Paper withBorder p="md" radius="md">
          <Text fw={600} mb="sm">
            {t('preview.chartTitle')}
          </Text>
          <OutcomeChart counts={counts} planned />
        </Paper>
        <Stack>
          <Alert color={removals.count > 0 ? 'orange' : 'gray'} variant="light" title={t('preview.removalsTitle')}>
            {t(`preview.removals.${removals.policy}`, { count: removals.count, n: formatNumber(removals.count, lang) })}
          </Alert>
          <Group>
            <Button variant="default" onClick={() => setRefresh((r) => r + 1)} loading={head.loading}>
              {t('preview.refresh')}
            </Button>
          </Group>
        </Stack>
      </SimpleGrid>
      <OutcomeFilter planned onChange={setFilter} />
      <ErrorAlert error={tableError} />
      <VirtualTable
        label={t('preview.tableLabel')}
        columns={runItemColumns(t, lang, true)}
        fetchPage={fetchPage}
        resetKey={`${refresh}|${filter.outcome}|${filter.search}`}
      />
    </Stack>
  );
}
