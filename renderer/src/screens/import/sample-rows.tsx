import { Table } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The first rows of the file exactly as decoded, so a wrong encoding shows up as garbled letters. */
export function SampleRows({ headers, rows }: { headers: string[]; rows: string[][] }) {
  const { t } = useTranslation();
  return (
    <Table.ScrollContainer type="native" minWidth={Math.max(560, headers.length * 120)} maxHeight={260} tabIndex={0} role="region" aria-label={t('import.sampleLabel')}>
      <Table withTableBorder withColumnBorders striped fz="xs" verticalSpacing={4} aria-label={t('import.sampleLabel')}>
        <Table.Thead>
          <Table.Tr>
            {headers.map((h, i) => (
              <Table.Th key={i} style={{ whiteSpace: 'nowrap' }}>
                {h}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.slice(0, 8).map((row, r) => (
            <Table.Tr key={r}>
              {headers.map((_, i) => (
                <Table.Td key={i} style={{ whiteSpace: 'nowrap', maxWidth: 240, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  {row[i] ?? ''}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
