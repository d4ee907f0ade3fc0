import { Text, type TextProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useSettings } from '../app/settings-context.js';

/**
 * The connected Mailchimp account, by the name stored when the key was checked (`mailchimp.accountName`),
 * so it is still shown after a restart; nothing while no key is saved.
 */
export function AccountName(props: TextProps) {
  const { t } = useTranslation();
  const { settings } = useSettings();
  const name = settings.values['mailchimp.accountName'];
  if (!name || !settings.secretsSet['mailchimp.apiKey']) return null;
  return (
    <Text data-testid="account-name" {...props}>
      {t('connect.account', { account: name })}
    </Text>
  );
}
