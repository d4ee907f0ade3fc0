import { Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type Row = { index: number; header: string; meaning: ReactNode };

/**
 * The frame of a column table (clients file or representatives file): each column's header, an example
 * value from the first rows, and the control that says what the column holds.
 */
export function ColumnsTable({ rows, sampleRows, meaningWidth, testId }: { rows: Row[]; sampleRows: string[][]; meaningWidth: number; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer type="native" minWidth={560}>
      <Table striped withTableBorder verticalSpacing={6} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('import.column')}</Table.Th>
            <Table.Th>{t('import.example')}</Table.Th>
            <Table.Th w={meaningWidth}>{t('import.meaning')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => {
            // The first row that has a value in this column: many columns are empty for most clients.
            const example = sampleRows.map((r) => r[row.index] ?? '').find((v) => v.trim() !== '');
            return (
              <Table.Tr key={row.index}>
                <Table.Td fw={600}>{row.header || `#${row.index + 1}`}</Table.Td>
                <Table.Td>
                  <Text size="sm" truncate maw={260} title={example}>
                    {example ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>{row.meaning}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
