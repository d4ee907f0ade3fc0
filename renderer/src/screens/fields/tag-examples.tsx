import { Alert, Badge, Group, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../../shared/ipc-contract.js';
import { call } from '../../api/client.js';

type Example = ResponseOf<'mapping:examples'>;

/**
 * For each merge tag that receives values, the combined value of a real client and its size against
 * Mailchimp's 255-byte limit (Cyrillic letters take two bytes each, so only about 127 fit).
 */
export function TagExamples({ tags }: { tags: Array<{ tag: string; sources: string[] }> }) {
  const { t } = useTranslation();
  const [examples, setExamples] = useState<Record<string, Example>>({});
  const key = JSON.stringify(tags);

  useEffect(() => {
    let live = true;
    void Promise.all(tags.map((x) => call('mapping:examples', { tag: x.tag }))).then((results) => {
      if (!live) return;
      const next: Record<string, Example> = {};
      for (const r of results) if (r.ok) next[r.value.tag] = r.value;
      setExamples(next);
    });
    return () => {
      live = false;
    };
  }, [key]); // tags is rebuilt on every render; its content is what matters

  if (tags.length === 0) return null;
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('fields.examplesTitle')}</Text>
      <Text size="sm" c="dimmed">
        {t('fields.examplesHint')}
      </Text>
      <SimpleGrid cols={2} spacing="sm">
        {tags.map(({ tag, sources }) => {
          const ex = examples[tag];
          const pct = ex ? Math.min(100, (ex.bytes / ex.limitBytes) * 100) : 0;
          return (
            <Paper key={tag} withBorder p="sm" radius="md" data-testid={`tag-example-${tag}`}>
              <Group gap={6} mb={4}>
                <Badge color="indigo">
                  {tag}
                </Badge>
                <Text size="sm">← {sources.join(' + ')}</Text>
              </Group>
              <Text size="sm" className="barsy-mono" style={{ wordBreak: 'break-word' }}>
                {ex ? ex.example || t('fields.exampleEmpty') : '…'}
              </Text>
              {ex && (
                <>
                  <Progress value={pct} color={ex.clipped ? 'red' : pct > 80 ? 'orange' : 'green'} mt={6} aria-label={t('fields.bytesLabel', { tag })} />
                  <Text size="xs" mt={2}>
                    {t('fields.bytes', { bytes: ex.bytes, limit: ex.limitBytes })}
                  </Text>
                  {ex.clipped && (
                    <Alert color="orange" variant="light" p={6} mt={4}>
                      {t('fields.clipped')}
                    </Alert>
                  )}
                </>
              )}
            </Paper>
          );
        })}
      </SimpleGrid>
    </Stack>
  );
}
