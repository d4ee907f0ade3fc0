import { Button, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.js';
import { PageHeader } from '../../components/page-header.js';
import { PreviewPanel } from './preview-panel.js';

/** The dry run as its own screen, with the way on to the sync. */
export function PreviewScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader
        title={t('preview.title')}
        description={t('preview.description')}
        actions={
          <Button onClick={() => navigate('sync')} size="md">
            {t('preview.toSync')}
          </Button>
        }
      />
      <PreviewPanel />
    </Stack>
  );
}
