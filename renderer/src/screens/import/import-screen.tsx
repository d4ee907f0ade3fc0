import { Alert, Button, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSummary } from '../../../../shared/domain/import.js';
import { useCall } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { PageHeader } from '../../components/page-header.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';
import { ImportPanel } from './import-panel.js';

/** "Import a new export": the weekly step before a sync. */
export function ImportScreen() {
  const { t } = useTranslation();
  const lang = useLang();
  const current = useCall('import:current', {});
  const [imported, setImported] = useState<ImportSummary | null>(null);
  const last = current.data;
  return (
    <Stack>
      <PageHeader title={t('import.title')} description={t('import.description')} />
      {last && !imported && (
        <Alert color="indigo" variant="light" title={t('import.currentTitle')}>
          {t('import.currentBody', { file: last.fileName, date: formatDateTime(last.createdAt, lang), clients: formatNumber(last.clients, lang) })}
        </Alert>
      )}
      <ImportPanel onImported={setImported} />
      {imported && (
        <Button w="fit-content" size="md" onClick={() => navigate('groups')}>
          {t('import.nextMappings')}
        </Button>
      )}
    </Stack>
  );
}
