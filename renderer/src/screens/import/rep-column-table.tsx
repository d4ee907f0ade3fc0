import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ColumnsTable } from './columns-table.js';
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
    <ColumnsTable
      testId="rep-columns"
      sampleRows={sampleRows}
      meaningWidth={320}
      rows={mapping.map((col) => ({
        index: col.index,
        header: col.header,
        meaning: (
          <NativeSelect
            aria-label={t('import.repMeaningOf', { column: col.header })}
            size="xs"
            data={ROLES.map((r) => ({ value: r, label: t(`import.repRole.${r}`) }))}
            value={col.role}
            disabled={disabled}
            onChange={(e) => choose(col.index, repRoleSchema.parse(e.currentTarget.value))}
          />
        ),
      }))}
    />
  );
}
