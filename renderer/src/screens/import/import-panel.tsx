import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ColumnMapping, DelimiterOption, EncodingOption, ImportPreview, ImportSummary, RepColumnMapping } from '../../../../shared/domain/import.js';
import { useOpenedFile } from '../../api/open-file.js';
import { useAction } from '../../api/use-call.js';
import { ErrorAlert } from '../../components/error-alert.js';
import { FileDrop } from '../../components/file-drop.js';
import { formatBytes } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { ColumnMappingTable } from './column-mapping-table.js';
import { ImportOptions, SheetSelect } from './import-options.js';
import { ImportResult } from './import-result.js';
import { openProblems } from './open-problems.js';
import { RepFileSection } from './rep-file-section.js';
import { SampleRows } from './sample-rows.js';

/** How the files are read: text encoding and delimiter of a CSV, the worksheet of a workbook. */
type Options = { encoding: EncodingOption; delimiter: DelimiterOption; sheet?: string; repSheet?: string };

/**
 * The import flow: choose or drop the file → see what was detected and the first rows → fix the
 * encoding, delimiter or column meanings if needed → import → see who can be synced.
 */
export function ImportPanel({ onImported }: { onImported?: (s: ImportSummary) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [path, setPath] = useState<string | null>(null);
  const [options, setOptions] = useState<Options>({ encoding: 'auto', delimiter: 'auto' });
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [mapping, setMapping] = useState<ColumnMapping>([]);
  const [repPath, setRepPath] = useState<string | null>(null);
  const [repMapping, setRepMapping] = useState<RepColumnMapping>([]);
  const [result, setResult] = useState<ImportSummary | null>(null);
  const previewing = useAction();
  const importing = useAction();

  /** `keepColumns`: only the representatives file changed, so the user's clients column choices stay. */
  const loadPreview = async (p: string, o: Options, reps: string | null, keepColumns = false) => {
    setResult(null);
    const res = await previewing.run('import:preview', {
      path: p,
      encoding: o.encoding,
      delimiter: o.delimiter,
      ...(o.sheet ? { sheet: o.sheet } : {}),
      ...(reps ? { representativesPath: reps, ...(o.repSheet ? { repSheet: o.repSheet } : {}) } : {}),
    });
    // On failure the last good preview stays, so the selects remain there to undo a wrong choice.
    if (res) {
      setPreview(res);
      if (!keepColumns) setMapping(res.columnMapping);
      setRepMapping(res.representatives?.columnMapping ?? []);
    }
  };

  const onFile = useCallback((p: string) => {
    setPath(p);
    setPreview(null);
    setRepPath(null);
    const fresh: Options = { encoding: 'auto', delimiter: 'auto' };
    setOptions(fresh);
    void loadPreview(p, fresh, null);
  }, []); // loadPreview only uses state setters and the stable action runner

  const onRepFile = (ref: string | null, repSheet?: string) => {
    const next: Options = { ...options, ...(repSheet ? { repSheet } : { repSheet: undefined }) };
    setRepPath(ref);
    setOptions(next);
    if (path) void loadPreview(path, next, ref, true);
  };
  useOpenedFile(onFile);

  const runImport = async () => {
    if (!path) return;
    const res = await importing.run('import:run', {
      path,
      encoding: options.encoding,
      delimiter: options.delimiter,
      ...(options.sheet ? { sheet: options.sheet } : {}),
      columnMapping: mapping,
      ...(repPath && preview?.representatives
        ? { representativesPath: repPath, repColumnMapping: repMapping, ...(options.repSheet ? { repSheet: options.repSheet } : {}) }
        : {}),
    });
    if (res) {
      setResult(res);
      onImported?.(res);
    }
  };

  return (
    <Stack gap="lg">
      <FileDrop onPath={onFile} busy={previewing.busy} label={path ? t('import.dropAnother') : undefined} />
      {!preview && <ErrorAlert error={previewing.error} />}
      {preview && !result && (
        <Paper withBorder p="lg" radius="md">
          <Stack gap="md">
            <Group justify="space-between">
              <div>
                <Title order={3} size="h4">
                  {preview.fileName}
                </Title>
                <Text size="sm" c="dimmed">
                  {formatBytes(preview.fileSize, lang)} · {t('import.columnsCount', { count: preview.headers.length })}
                </Text>
              </div>
            </Group>
            {preview.sheets ? (
              <SheetSelect
                sheets={preview.sheets}
                value={preview.sheet ?? ''}
                disabled={previewing.busy || importing.busy}
                onChange={(sheet) => {
                  const o = { ...options, sheet };
                  setOptions(o);
                  if (path) void loadPreview(path, o, repPath);
                }}
              />
            ) : (
              <ImportOptions
                encoding={options.encoding}
                delimiter={options.delimiter}
                detected={{ encoding: preview.encoding, delimiter: preview.delimiter }}
                disabled={previewing.busy || importing.busy}
                onChange={(o) => {
                  const next = { ...options, ...o };
                  setOptions(next);
                  if (path) void loadPreview(path, next, repPath);
                }}
              />
            )}
            <ErrorAlert error={previewing.error} />
            <div>
              <Text fw={600} mb={6}>
                {t('import.firstRows')}
              </Text>
              <SampleRows headers={preview.headers} rows={preview.sampleRows} />
            </div>
            <div>
              <Text fw={600}>{t('import.columnsTitle')}</Text>
              <Text size="sm" c="dimmed" mb={6}>
                {t('import.columnsHint')}
              </Text>
              {openProblems(preview.problems, new Set(mapping.flatMap((c) => (c.target.type === 'field' ? [c.target.field] : [])))).map((p, i) => (
                <ErrorAlert key={i} error={p} />
              ))}
              <ColumnMappingTable mapping={mapping} sampleRows={preview.sampleRows} onChange={setMapping} disabled={importing.busy} />
            </div>
            <RepFileSection
              preview={preview.representatives}
              mapping={repMapping}
              onMapping={setRepMapping}
              onFile={onRepFile}
              current={repPath}
              error={repPath && !preview.representatives ? previewing.error : null}
              disabled={previewing.busy || importing.busy}
            />
            <ErrorAlert error={importing.error} />
            <Group>
              <Button size="md" onClick={() => void runImport()} loading={importing.busy} disabled={previewing.busy || !!previewing.error}>
                {t('import.run')}
              </Button>
            </Group>
          </Stack>
        </Paper>
      )}
      {result && <ImportResult summary={result} />}
    </Stack>
  );
}
