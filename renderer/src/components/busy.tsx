import { Loader, type LoaderProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** A spinner that screen readers announce as "Loading…" (a live status, not a bare labelled div). */
export function Busy({ size = 'md' }: { size?: LoaderProps['size'] }) {
  const { t } = useTranslation();
  return <Loader size={size} role="status" aria-label={t('common.loading')} />;
}
