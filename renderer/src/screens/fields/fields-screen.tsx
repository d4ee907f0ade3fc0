import { Button, Group, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { navigate } from '../../app/router.js';
import { PageHeader } from '../../components/page-header.js';
import { FieldGrid } from './field-grid.js';

/** The merge-tag mapping grid as its own screen. */
export function FieldsScreen() {
  const { t } = useTranslation();
  return (
    <Stack>
      <PageHeader title={t('fields.title')} description={t('fields.description')} />
      <FieldGrid />
      <Group>
        <Button variant="default" onClick={() => navigate('preview')}>
          {t('fields.nextPreview')}
        </Button>
      </Group>
    </Stack>
  );
}
