import { Alert, Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunItem } from '../../../../shared/domain/sync.js';
import type { ResponseOf } from '../../../../shared/ipc-contract.js';
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
  // While a big import is being planned, the app's preview events ask for the counts again (preview-events.ts).
  const head = useCall('sync:preview', { limit: 1, progressive: true }, String(refresh));
  const planning = head.data?.planning;
  const [filter, setFilter] = useState<OutcomeFilterValue>({ outcome: '', search: '' });
  const [tableError, setTableError] = useState<Parameters<typeof ErrorAlert>[0]['error']>(null);

  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Page<RunItem> | null> => {
      const res = await call('sync:preview', {
        offset,
        limit,
        // The first rows show while later clients are still planned; a filter needs every client planned.
        progressive: true,
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

  if (head.error) return <ErrorAlert error={head.error} />;
  const summary = head.data;

  // The table is mounted at once, beside the counts: its first rows come as soon as they are planned.
  return (
    <Stack gap="lg" data-testid="preview">
      {summary ? (
        <PreviewSummary data={summary} loading={head.loading} onRefresh={() => setRefresh((r) => r + 1)} />
      ) : (
        <Group>
          <Busy size="sm" />
          <Text>{t('preview.planning')}</Text>
        </Group>
      )}
      <OutcomeFilter planned onChange={setFilter} />
      <ErrorAlert error={tableError} />
      <VirtualTable
        label={t('preview.tableLabel')}
        columns={runItemColumns(t, lang, true)}
        fetchPage={fetchPage}
        // Once planning ends, rows are read again: removals are marked on rows only at the end.
        resetKey={`${refresh}|${summary && !planning ? 'planned' : 'planning'}|${filter.outcome}|${filter.search}`}
      />
    </Stack>
  );
}

/** The counts, the chart and the removals of a preview (those so far while it is still being planned). */
function PreviewSummary({ data, loading, onRefresh }: { data: ResponseOf<'sync:preview'>; loading: boolean; onRefresh: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { counts, removals, planning } = data;
  return (
    <>
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
          {planning && (
            <Group gap="xs" mb="xs">
              <Busy size="xs" />
              <Text size="sm" c="dimmed" data-testid="preview-planning">
                {t('preview.planningProgress', { done: formatNumber(planning.planned, lang), total: formatNumber(planning.clients, lang) })}
              </Text>
            </Group>
          )}
          <OutcomeChart counts={counts} planned />
        </Paper>
        <Stack>
          <Alert color={!planning && removals.count > 0 ? 'orange' : 'gray'} variant="light" title={t('preview.removalsTitle')}>
            {planning ? t('preview.planning') : t(`preview.removals.${removals.policy}`, { count: removals.count, n: formatNumber(removals.count, lang) })}
          </Alert>
          <Group>
            <Button variant="default" onClick={onRefresh} loading={loading}>
              {t('preview.refresh')}
            </Button>
          </Group>
        </Stack>
      </SimpleGrid>
    </>
  );
}
