import { Alert, Badge, Button, NativeSelect, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { clientFieldSchema, type ClientField } from '../../../../shared/domain/client.js';
import { call } from '../../api/client.js';
import { useMappingData } from '../../api/use-mapping-data.js';
import { useMappingRows } from '../../api/use-mapping-rows.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { AutoMatchButton } from '../groups/auto-match-button.js';
import { CreateFieldModal } from './create-field-modal.js';
import { TagExamples } from './tag-examples.js';
import { PermissionPicker } from './permission-picker.js';
import { Busy } from '../../components/busy.js';

const NONE = '__none';
/** Sources the engine sends without a mapping: the name (FNAME/LNAME by the name setting) and the email. */
export const BUILT_IN_SOURCES: ReadonlySet<string> = new Set(['name', 'email']);

/** Known client fields by their label (`company` → „Фирма“); CSV headers and `<kind>: <field>` as they are. */
export function sourceLabel(source: string, t: TFunction): string {
  return (clientFieldSchema.options as readonly string[]).includes(source) ? t(`clientField.${source as ClientField}`) : source;
}

/** Mailchimp's type names are lower-case (`text`, `number`, `address`, …). */
const isText = (type: string) => type.toLowerCase() === 'text';

/**
 * Each source field (client columns and representative `<kind>: <field>`, with sample values) → a
 * TEXT merge tag of the audience. Non-TEXT tags are refused with the reason (Barsy's rule); several
 * sources may share one tag, shown with a live example of the combined value.
 */
export function FieldGrid({ autoMatch = false }: { autoMatch?: boolean }) {
  const { t } = useTranslation();
  const data = useMappingData(autoMatch);
  const grid = useMappingRows(data.reloadMapping, data.reload);

  const setField = async (source: string, tag: string | null) => {
    const field = tag ? data.audience?.mergeFields.find((f) => f.tag === tag) : undefined;
    if (field && !isText(field.type)) {
      // Refused here, before anything is stored: Mailchimp would reject or mangle the values.
      grid.refuse(source, { code: 'mapping_tag_not_text', params: { tag: field.tag, type: field.type.toUpperCase() } });
      return;
    }
    await grid.save(source, tag ?? NONE, () => call('mapping:setField', { source, tag }));
  };

  if (data.loading) return <Busy />;
  if (data.error && (!data.mapping || !data.audience)) return <ErrorAlert error={data.error} />;
  const mergeFields = data.audience?.mergeFields ?? [];
  const rows = data.mapping?.fields ?? [];
  const byTag = new Map<string, string[]>();
  for (const r of rows) if (r.mapped && r.tag) byTag.set(r.tag, [...(byTag.get(r.tag) ?? []), r.source]);
  const tagOptions = mergeFields.map((f) => ({
    value: f.tag,
    label: isText(f.type) ? `${f.tag} — ${f.name}` : `${f.tag} — ${f.name} (${t('fields.notTextOption', { type: f.type.toUpperCase() })})`,
  }));

  return (
    <Stack gap="md">
      <Stack gap="sm">
        <Text size="sm" c="dimmed" maw={720}>
          {t('fields.hint')}
        </Text>
        <div>
          <AutoMatchButton onDone={() => void data.reloadMapping()} />
        </div>
      </Stack>
      {rows.length === 0 && <Alert color="yellow">{t('fields.empty')}</Alert>}
      {rows.length > 0 && (
        <Table.ScrollContainer type="native" minWidth={860}>
          <Table withTableBorder verticalSpacing="sm" striped aria-label={t('fields.tableLabel')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('fields.source')}</Table.Th>
                <Table.Th>{t('fields.samples')}</Table.Th>
                <Table.Th w={330}>{t('fields.tag')}</Table.Th>
                <Table.Th>
                  <span className="visually-hidden-text">{t('common.actions')}</span>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => {
                const value = grid.shown(row.source, !row.mapped ? '' : row.tag ?? NONE);
                const current = mergeFields.find((f) => f.tag === row.tag);
                const options = [
                  ...(!row.mapped ? [{ value: '', label: row.source === 'name' ? t('fields.nameDefault') : row.source === 'email' ? t('fields.emailDefault') : t('fields.choose') }] : []),
                  { value: NONE, label: t('fields.dontSend') },
                  ...tagOptions,
                  ...(row.tag && !current ? [{ value: row.tag, label: t('fields.missingOption', { tag: row.tag }) }] : []),
                ];
                const shared = row.tag ? (byTag.get(row.tag)?.length ?? 0) > 1 : false;
                return (
                  <Table.Tr key={row.source} data-testid={`field-row-${row.source}`}>
                    <Table.Td>
                      <Text fw={600} size="sm">
                        {sourceLabel(row.source, t)}
                      </Text>
                      {row.source.includes(':') && (
                        <Badge size="xs" color="grape">
                          {t('fields.representative')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" lineClamp={2} maw={260} title={row.samples.join(' | ')}>
                        {row.samples.slice(0, 3).join(' · ') || '—'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <NativeSelect
                        aria-label={t('fields.selectFor', { source: sourceLabel(row.source, t) })}
                        data={options}
                        value={value}
                        onChange={(e) => {
                          const v = e.currentTarget.value;
                          if (v) void setField(row.source, v === NONE ? null : v);
                        }}
                      />
                      {current && row.mapped && (
                        <Text size="xs" mt={2}>
                          {t('fields.type', { type: current.type.toUpperCase() })}
                          {shared ? ` · ${t('fields.shared')}` : ''}
                        </Text>
                      )}
                      {row.missingInMailchimp && <ErrorAlert error={{ code: 'mapping_unknown_tag', params: { tag: row.tag ?? '' } }} />}
                      {row.notText && current && <ErrorAlert error={{ code: 'mapping_tag_not_text', params: { tag: current.tag, type: current.type.toUpperCase() } }} />}
                      <ErrorAlert error={grid.errorFor(row.source)} title={t('fields.refusedTitle')} />
                    </Table.Td>
                    <Table.Td>
                      <Button size="xs" variant="subtle" onClick={() => grid.setCreating(row.source)} aria-label={t('fields.createFor', { source: sourceLabel(row.source, t) })}>
                        {t('fields.create')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <PermissionPicker />
      <TagExamples tags={[...byTag.entries()].map(([tag, sources]) => ({ tag, sources: sources.map((s) => sourceLabel(s, t)) }))} />
      <CreateFieldModal source={grid.creating} onClose={() => grid.setCreating(null)} onCreated={(tag) => grid.created((source) => setField(source, tag))} />
    </Stack>
  );
}
