import { Button, Group, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../../shared/domain/app-error.js';
import type { RepColumnMapping, RepPreview } from '../../../../shared/domain/import.js';
import { pickCsvFile } from '../../api/files.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { SheetSelect } from './import-options.js';
import { RepColumnTable } from './rep-column-table.js';
import { SampleRows } from './sample-rows.js';
import { openProblems } from './open-problems.js';

type Props = {
  preview: RepPreview | undefined;
  mapping: RepColumnMapping;
  onMapping: (m: RepColumnMapping) => void;
  /** A new representatives file (null: none), or the same one read from another worksheet. */
  onFile: (ref: string | null, sheet?: string) => void;
  current: string | null;
  error: AppError | null;
  disabled: boolean;
};

/** The optional representatives file: choose or drop it, see its first rows, fix what each column holds. */
export function RepFileSection({ preview, mapping, onMapping, onFile, current, error, disabled }: Props) {
  const { t } = useTranslation();
  const held = new Set<string>(mapping.map((c) => c.role));
  return (
    <Stack gap="xs" data-testid="rep-file">
      <Text fw={600}>{t('import.repTitle')}</Text>
      {!preview && (
        <Text size="sm" c="dimmed">
          {t('import.repHint')}
        </Text>
      )}
      <Group>
        <Button
          variant="light"
          disabled={disabled}
          onClick={async () => {
            const ref = await pickCsvFile();
            if (ref) onFile(ref);
          }}
        >
          {t('import.repChoose')}
        </Button>
        {preview && (
          <Button variant="subtle" color="gray" disabled={disabled} onClick={() => onFile(null)}>
            {t('import.repRemove')}
          </Button>
        )}
      </Group>
      <ErrorAlert error={error} />
      {preview && (
        <>
          <Text size="sm">
            <b>{preview.fileName}</b> · {t(`import.repFormat_${mapping.some((c) => c.role === 'field') && mapping.some((c) => c.role === 'value') ? 'long' : 'wide'}`)}
          </Text>
          {preview.sheets && (
            <SheetSelect
              label={t('import.repSheet')}
              sheets={preview.sheets}
              value={preview.sheet ?? ''}
              disabled={disabled}
              onChange={(sheet) => onFile(current, sheet)}
            />
          )}
          <SampleRows headers={preview.headers} rows={preview.sampleRows} />
          <Text fw={600}>{t('import.repColumnsTitle')}</Text>
          {openProblems(preview.problems, held).map((p, i) => (
            <ErrorAlert key={i} error={p} />
          ))}
          <RepColumnTable mapping={mapping} sampleRows={preview.sampleRows} onChange={onMapping} disabled={disabled} />
        </>
      )}
    </Stack>
  );
}
