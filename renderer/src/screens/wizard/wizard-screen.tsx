import { Button, Container, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCall } from '../../api/use-call.js';
import { navigate } from '../../app/router.js';
import { useSettings } from '../../app/settings-context.js';
import { AudiencePicker } from '../connect/audience-picker.js';
import { ConnectForm } from '../connect/connect-form.js';
import { FieldGrid } from '../fields/field-grid.js';
import { GroupGrid } from '../groups/group-grid.js';
import { ImportPanel } from '../import/import-panel.js';
import { PreviewPanel } from '../preview/preview-panel.js';
import { SmtpForm } from '../smtp/smtp-form.js';
import { resolveStep, stepIndex, WIZARD_STEPS, type WizardStep } from './steps.js';

/**
 * First-run set-up, one step per screen. The furthest step reached is stored (`ui.wizardStep`), so
 * closing the app half-way resumes where the owner left off.
 */
export function WizardScreen({ step: param }: { step: string | null }) {
  const { t } = useTranslation();
  const { settings, save } = useSettings();
  const stored = settings.values['ui.wizardStep'];
  const step = resolveStep(param, stored);
  const index = WIZARD_STEPS.indexOf(step);
  const reached = Math.max(stepIndex(stored), index);
  const current = useCall('import:current', {}, step, step === 'import');
  const [importedNow, setImportedNow] = useState(false);

  useEffect(() => {
    if (stored !== 'done' && index > stepIndex(stored)) void save('ui.wizardStep', step);
  }, [step, stored, index, save]);

  const canContinue: Record<WizardStep, boolean> = {
    mailchimp: settings.secretsSet['mailchimp.apiKey'] === true || !!settings.values['mailchimp.listId'],
    audience: !!settings.values['mailchimp.listId'],
    report: !!settings.values['report.email'],
    import: importedNow || !!current.data,
    groups: true,
    fields: true,
    preview: true,
  };

  const go = (i: number) => navigate('wizard', WIZARD_STEPS[i]);
  const finish = async () => {
    await save('ui.wizardStep', 'done');
    navigate('sync');
  };

  const content: Record<WizardStep, ReactNode> = {
    mailchimp: <ConnectForm />,
    audience: <AudiencePicker />,
    report: <SmtpForm />,
    import: <ImportPanel onImported={() => setImportedNow(true)} />,
    groups: <GroupGrid autoMatch />,
    fields: <FieldGrid autoMatch />,
    preview: <PreviewPanel />,
  };

  return (
    <Container size="xl" py="md">
      <Stack gap="lg">
        <Stepper active={index} onStepClick={(i) => i <= reached && go(i)} size="sm" aria-label={t('wizard.progress')}>
          {WIZARD_STEPS.map((s, i) => (
            <Stepper.Step key={s} label={t(`wizard.steps.${s}`)} allowStepSelect={i <= reached} />
          ))}
        </Stepper>
        <Paper withBorder p="xl" radius="md">
          <Stack gap="md">
            <div>
              <Text size="sm" c="dimmed">
                {t('wizard.stepOf', { n: index + 1, total: WIZARD_STEPS.length })}
              </Text>
              <Title order={2}>{t(`wizard.titles.${step}`)}</Title>
              <Text c="dimmed" maw={760}>
                {t(`wizard.descriptions.${step}`)}
              </Text>
            </div>
            {content[step]}
          </Stack>
        </Paper>
        <Group justify="space-between">
          <Button variant="default" onClick={() => go(index - 1)} disabled={index === 0}>
            {t('wizard.back')}
          </Button>
          {stored === 'done' && (
            <Button variant="subtle" c="indigo" onClick={() => navigate('home')}>
              {t('wizard.exit')}
            </Button>
          )}
          {index < WIZARD_STEPS.length - 1 ? (
            <Button size="md" onClick={() => go(index + 1)} disabled={!canContinue[step]}>
              {t('wizard.next')}
            </Button>
          ) : (
            <Button size="md" onClick={() => void finish()}>
              {t('wizard.finish')}
            </Button>
          )}
        </Group>
      </Stack>
    </Container>
  );
}
