import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { clientFieldSchema, type ClientField } from '../../../../shared/domain/client.js';
import type { ColumnMapping, ColumnTarget } from '../../../../shared/domain/import.js';
import { ColumnsTable } from './columns-table.js';

const FIELDS: readonly ClientField[] = clientFieldSchema.options;

function targetValue(target: ColumnTarget): string {
  return target.type === 'field' ? `field:${target.field}` : target.type;
}

/** `Управител: Телефон` → kind and field of a representative column. */
function splitRepresentative(header: string): { kind: string; field: string } | null {
  const i = header.indexOf(':');
  if (i <= 0) return null;
  const kind = header.slice(0, i).trim();
  const field = header.slice(i + 1).trim();
  return kind && field ? { kind, field } : null;
}

function parseTarget(value: string, header: string, previous: ColumnTarget): ColumnTarget {
  if (value.startsWith('field:')) return { type: 'field', field: value.slice(6) as ClientField };
  if (value === 'representative') {
    if (previous.type === 'representative') return previous;
    const rep = splitRepresentative(header);
    return rep ? { type: 'representative', ...rep } : { type: 'extra' };
  }
  return value === 'ignore' ? { type: 'ignore' } : { type: 'extra' };
}

type Props = { mapping: ColumnMapping; sampleRows: string[][]; onChange: (m: ColumnMapping) => void; disabled: boolean };

/** Each CSV column → what it is: a known client field, an extra field, representative data, or ignored. */
export function ColumnMappingTable({ mapping, sampleRows, onChange, disabled }: Props) {
  const { t } = useTranslation();
  return (
    <ColumnsTable
      sampleRows={sampleRows}
      meaningWidth={380}
      rows={mapping.map((col) => {
        const canBeRep = col.target.type === 'representative' || splitRepresentative(col.header) !== null;
        const data = [
          { group: t('import.groupKnown'), items: FIELDS.map((f) => ({ value: `field:${f}`, label: t(`clientField.${f}`) })) },
          {
            group: t('import.groupOther'),
            items: [
              { value: 'extra', label: t('import.targetExtra') },
              ...(canBeRep ? [{ value: 'representative', label: t('import.targetRepresentative') }] : []),
              { value: 'ignore', label: t('import.targetIgnore') },
            ],
          },
        ];
        const meaning = (
          <NativeSelect
            aria-label={t('import.meaningOf', { column: col.header })}
            size="xs"
            data={data}
            value={targetValue(col.target)}
            disabled={disabled}
            onChange={(e) => {
              const target = parseTarget(e.currentTarget.value, col.header, col.target);
              // One column per client field: the column that held the field before becomes an extra field.
              const taken = (c: ColumnMapping[number]) => target.type === 'field' && c.target.type === 'field' && c.target.field === target.field;
              onChange(mapping.map((c) => (c.index === col.index ? { ...c, target } : taken(c) ? { ...c, target: { type: 'extra' } } : c)));
            }}
          />
        );
        return { index: col.index, header: col.header, meaning };
      })}
    />
  );
}
