import { Alert, Badge, Button, Group, NativeSelect, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc-contract.js';
import { call } from '../../api/client.js';
import { useMappingData } from '../../api/use-mapping-data.js';
import { useMappingRows } from '../../api/use-mapping-rows.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { AutoMatchButton } from './auto-match-button.js';
import { CreateInterestModal } from './create-interest-modal.js';
import { Busy } from '../../components/busy.js';

type Row = ResponseOf<'mapping:get'>['groups'][number];
const NONE = '__none';

function statusBadge(row: Row, t: TFunction) {
  if (row.missingInMailchimp) return <Badge color="red">{t('groups.statusMissing')}</Badge>;
  if (!row.mapped) return <Badge color="orange">{t('groups.statusNew')}</Badge>;
  if (row.interestId === null) return <Badge color="gray">{t('groups.statusSkipped')}</Badge>;
  return <Badge color="green">{t('groups.statusMapped')}</Badge>;
}

/**
 * Each Barsy client group with its client count → one Mailchimp group (interest), chosen from the
 * audience's categories; "don't sync"; or create the group in Mailchimp.
 */
export function GroupGrid({ autoMatch = false }: { autoMatch?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const data = useMappingData(autoMatch);
  const grid = useMappingRows(data.reloadMapping, data.reload);

  const setGroup = (barsyGroup: string, interestId: string | null) =>
    grid.save(barsyGroup, interestId ?? NONE, () => call('mapping:setGroup', { barsyGroup, interestId }));

  if (data.loading) return <Busy />;
  if (data.error && (!data.mapping || !data.audience)) return <ErrorAlert error={data.error} />;
  const categories = data.audience?.categories ?? [];
  const rows = data.mapping?.groups ?? [];
  const known = new Set(categories.flatMap((c) => c.interests.map((i) => i.id)));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          {t('groups.hint')}
        </Text>
        <AutoMatchButton onDone={() => void data.reloadMapping()} />
      </Group>
      {rows.length === 0 && <Alert color="yellow">{t('groups.empty')}</Alert>}
      {categories.length === 0 && rows.length > 0 && <Alert color="yellow">{t('groups.noMailchimpGroups')}</Alert>}
      {rows.length > 0 && (
        <Table.ScrollContainer type="native" minWidth={760}>
          <Table withTableBorder verticalSpacing="sm" striped aria-label={t('groups.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('groups.barsyGroup')}</Table.Th>
                <Table.Th ta="right">{t('groups.clients')}</Table.Th>
                <Table.Th w={320}>{t('groups.mailchimpGroup')}</Table.Th>
                <Table.Th>{t('groups.status')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden-text">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const value = grid.shown(row.barsyGroup, !row.mapped ? '' : row.interestId === null ? NONE : row.interestId);
                const options = [
                  ...(!row.mapped ? [{ value: '', label: t('groups.choose') }] : []),
                  { value: NONE, label: t('groups.dontSync') },
                  ...categories.map((c) => ({ group: c.title, items: c.interests.map((i) => ({ value: i.id, label: i.name })) })),
                  ...(row.interestId && !known.has(row.interestId)
                    ? [{ value: row.interestId, label: t('groups.missingOption', { name: row.interestName ?? row.interestId }) }]
                    : []),
                ];
                return (
                  <Table.Tr key={row.barsyGroup} data-testid={`group-row-${row.barsyGroup}`}>
                    <Table.Td fw={600}>{row.barsyGroup || t('groups.noGroup')}</Table.Td>
                    <Table.Td ta="right">{formatNumber(row.clientCount, lang)}</Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('groups.selectFor', { group: row.barsyGroup })}
                        data={options}
                        value={value}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          if (v) void setGroup(row.barsyGroup, v === NONE ? null : v);
                        }}
                      />
                      <ErrorAlert error={grid.errorFor(row.barsyGroup)} />
                    </Table.Td>
                    <Table.Td>{statusBadge(row, t)}</Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => grid.setCreating(row.barsyGroup)} aria-label={t('groups.createFor', { group: row.barsyGroup })}>
                        {t('groups.create')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <CreateInterestModal
        barsyGroup={grid.creating}
        categories={categories}
        onClose={() => grid.setCreating(null)}
        onCreated={(interestId) => grid.created((group) => setGroup(group, interestId))}
      />
    </Stack>
  );
}
