import { Alert, Anchor, List, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunSummary } from '../../../../shared/domain/sync.js';
import { formatError } from '../../../../shared/i18n/messages.js';
import { useRunItems } from '../../api/runs.js';
import { useCall } from '../../api/use-call.js';
import { useSettings } from '../../app/settings-context.js';
import { BUILT_IN_SOURCES, sourceLabel } from '../fields/field-grid.js';
import { itemDetail } from '../../components/run-item-columns.js';
import { useLang } from '../../i18n/index.js';
import { Busy } from '../../components/busy.js';

/** The first five names; the count says how many there are in all. */
const listNames = (names: string[]) => names.slice(0, 5).join(', ') + (names.length > 5 ? ', …' : '');

type Item = { key: string; color: string; text: ReactNode; href: string; action: string };

/** What needs the owner's attention before the next sync, each with the place to fix it. */
export function AttentionList({ lastRun }: { lastRun: RunSummary | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { settings } = useSettings();
  const mapping = useCall('mapping:get', {});
  const failedRunId = lastRun && lastRun.counts.failed > 0 ? lastRun.runId : null;
  const failed = useRunItems(failedRunId, 'failed', 5);

  if (mapping.loading && !mapping.data) return <Busy size="sm" />;
  const items: Item[] = [];
  if (!settings.values['report.email']) items.push({ key: 'email', color: 'orange', text: t('home.needEmail'), href: '#/settings', action: t('home.fix') });
  if (mapping.error) items.push({ key: 'mapping-error', color: 'red', text: formatError(mapping.error, lang), href: '#/settings', action: t('home.fix') });
  const groups = mapping.data?.groups ?? [];
  const fields = mapping.data?.fields ?? [];
  const newGroups = groups.filter((g) => !g.mapped);
  if (newGroups.length)
    items.push({ key: 'new-groups', color: 'orange', text: t('home.newGroups', { count: newGroups.length, names: listNames(newGroups.map((g) => g.barsyGroup)) }), href: '#/groups', action: t('home.mapNow') });
  const newFields = fields.filter((f) => !f.mapped && !BUILT_IN_SOURCES.has(f.source));
  if (newFields.length)
    items.push({ key: 'new-fields', color: 'orange', text: t('home.newFields', { count: newFields.length, names: listNames(newFields.map((f) => sourceLabel(f.source, t))) }), href: '#/fields', action: t('home.mapNow') });
  for (const g of groups.filter((x) => x.missingInMailchimp))
    items.push({ key: `gone-g-${g.barsyGroup}`, color: 'red', text: t('home.groupGone', { group: g.barsyGroup, interest: g.interestName ?? '' }), href: '#/groups', action: t('home.fix') });
  for (const f of fields.filter((x) => x.missingInMailchimp))
    items.push({ key: `gone-f-${f.source}`, color: 'red', text: t('home.fieldGone', { source: f.source, tag: f.tag ?? '' }), href: '#/fields', action: t('home.fix') });
  for (const f of fields.filter((x) => x.notText && !x.missingInMailchimp))
    items.push({ key: `nt-${f.source}`, color: 'red', text: t('home.fieldNotText', { source: f.source, tag: f.tag ?? '' }), href: '#/fields', action: t('home.fix') });
  if (lastRun && (lastRun.status === 'cancelled' || lastRun.status === 'interrupted'))
    items.push({ key: 'resume', color: 'orange', text: t('home.resume', { id: lastRun.runId }), href: '#/sync', action: t('home.resumeNow') });
  if (failedRunId !== null && lastRun)
    items.push({
      key: 'failed',
      color: 'red',
      text: (
        <Stack gap={4}>
          <Text size="sm">{t('home.failed', { count: lastRun.counts.failed })}</Text>
          <List size="sm">
            {(failed.data ?? []).map((i) => (
              <List.Item key={i.clientId}>
                {i.name} ({i.email || '—'}): {itemDetail(i, t, lang)}
              </List.Item>
            ))}
          </List>
        </Stack>
      ),
      href: `#/reports/${failedRunId}`,
      action: t('home.openReport'),
    });

  if (items.length === 0)
    return (
      <Alert color="green" variant="light" data-testid="attention-none">
        {t('home.allGood')}
      </Alert>
    );
  return (
    <Stack gap="xs" data-testid="attention">
      {items.map((i) => (
        <Alert key={i.key} color={i.color} variant="light" p="sm">
          <Stack gap={4}>
            <div>{typeof i.text === 'string' ? <Text size="sm">{i.text}</Text> : i.text}</div>
            <Anchor href={i.href} size="sm" fw={600} c="indigo">
              {i.action}
            </Anchor>
          </Stack>
        </Alert>
      ))}
    </Stack>
  );
}
