import { Accordion, Alert, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { EligibilityReason } from '../../../../shared/domain/client.js';
import type { ImportSummary } from '../../../../shared/domain/import.js';
import { formatReason } from '../../../../shared/i18n/messages.js';
import { CountCards } from '../../components/count-cards.js';
import { formatDateTime, formatNumber } from '../../i18n/format.js';
import { useLang } from '../../i18n/index.js';

/** What the import found: clients, who can be synced, and why the others cannot. */
export function ImportResult({ summary }: { summary: ImportSummary }) {
  const { t } = useTranslation();
  const lang = useLang();
  const reasons = Object.entries(summary.ineligible).filter(([, n]) => n > 0) as Array<[EligibilityReason, number]>;
  const unmapped = summary.ineligible.group_not_mapped ?? 0;
  return (
    <Stack gap="md" data-testid="import-result">
      <Alert color="green" variant="light" title={summary.alreadyImported ? t('import.sameFileTitle') : t('import.doneTitle')}>
        {t('import.doneBody', { file: summary.fileName, date: formatDateTime(summary.createdAt, lang) })}
      </Alert>
      <CountCards
        cards={[
          { key: 'clients', label: t('import.clients'), value: summary.clients },
          { key: 'eligible', label: t('import.eligible'), value: summary.eligible, color: 'green', hint: t('import.eligibleHint') },
          { key: 'representatives', label: t('import.representatives'), value: summary.representatives },
          { key: 'duplicates', label: t('import.duplicates'), value: summary.duplicates, color: summary.duplicates ? 'orange' : undefined },
        ]}
      />
      {unmapped > 0 && (
        <Alert color="indigo" variant="light" data-testid="groups-next">
          {t('import.groupsNext', { count: unmapped, n: formatNumber(unmapped, lang) })}
        </Alert>
      )}
      {reasons.length > 0 && (
        <div>
          <Text fw={600} mb={4}>
            {t('import.notSyncedTitle')}
          </Text>
          <List size="sm" spacing={2}>
            {reasons.map(([reason, n]) => (
              <List.Item key={reason}>
                {formatReason(reason, lang)}: <b>{formatNumber(n, lang)}</b>
              </List.Item>
            ))}
          </List>
        </div>
      )}
      {summary.warnings.length > 0 && (
        <Accordion variant="contained">
          <Accordion.Item value="warnings">
            <Accordion.Control>{t('import.warnings', { count: summary.warnings.length })}</Accordion.Control>
            <Accordion.Panel>
              <List size="sm" spacing={2}>
                {summary.warnings.slice(0, 100).map((w, i) => (
                  <List.Item key={i}>
                    {t('import.warningLine', { line: w.line })}: {t(`importWarning.${w.code}`)} — {w.detail}
                  </List.Item>
                ))}
              </List>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>
      )}
    </Stack>
  );
}
