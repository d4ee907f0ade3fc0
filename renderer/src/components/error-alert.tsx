import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { AppError } from '../../../shared/domain/app-error.js';
import { formatError } from '../../../shared/i18n/messages.js';
import { useLang } from '../i18n/index.js';

/** Every error a user can meet, as a sentence in their language with what to do (never a code). */
export function ErrorAlert({ error, onClose, title }: { error: AppError | null; onClose?: () => void; title?: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" title={title ?? t('common.errorTitle')} role="alert" withCloseButton={!!onClose} onClose={onClose} closeButtonLabel={t('common.close')}>
      {formatError(error, lang)}
    </Alert>
  );
}
