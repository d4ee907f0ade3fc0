import { notifications } from '@mantine/notifications';
import i18next from 'i18next';

/** A short confirmation or failure in the corner; its close button is labelled for screen readers. */
export function notify(color: 'green' | 'red', message: string): void {
  notifications.show({ color, message, closeButtonProps: { 'aria-label': i18next.t('common.close') } });
}
