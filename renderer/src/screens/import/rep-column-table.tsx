import { NativeSelect, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { repRoleSchema, type RepColumnMapping, type RepRole } from '../../../../shared/domain/import.js';

const ROLES: readonly RepRole[] = repRoleSchema.options;
/** Roles one column at most may hold: choosing one for a column turns the column that had it into a field. */
const SINGLE: ReadonlySet<RepRole> = new Set(['client', 'kind', 'number', 'field', 'value']);

type Props = { mapping: RepColumnMapping; sampleRows: string[][]; onChange: (m: RepColumnMapping) => void; disabled: boolean };

/** Each column of the representatives file → its role: the client it belongs to, the kind, a field, … */
export function RepColumnTable({ mapping, sampleRows, onChange, disabled }: Props) {
  const { t } = useTranslation();
  const choose = (index: number, role: RepRole) =>
    onChange(mapping.map((c) => (c.index === index ? { ...c, role } : SINGLE.has(role) && c.role === role ? { ...c, role: 'data' as const } : c)));
  return (
    <Table.ScrollContainer type="native" minWidth={560}>
      <Table striped withTableBorder verticalSpacing={6} data-testid="rep-columns">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.column')}</Table.Th>
            <Table.Th>{t('import.example')}</Table.Th>
            <Table.Th w={320}>{t('import.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {mapping.map((col) => {
            const example = sampleRows.map((r) => r[col.index] ?? '').find((v) => v.trim() !== '');
            return (
              <Table.Tr key={col.index}>
                <Table.Td fw={600}>{col.header || `#${col.index + 1}`}</Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={260} title={example}>
                    {example ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <NativeSelect
                    aria-label={t('import.repMeaningOf', { column: col.header })}
                    size="xs"
                    data={ROLES.map((r) => ({ value: r, label: t(`import.repRole.${r}`) }))}
                    value={col.role}
                    disabled={disabled}
                    onChange={(e) => choose(col.index, repRoleSchema.parse(e.currentTarget.value))}
                  />
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
