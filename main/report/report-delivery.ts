import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AppContext } from '../context/app-context.js';
import { AppFailure, appError, type AppError } from '../../shared/domain/app-error.js';
import type { Language } from '../../shared/i18n/translate.js';
import { emitReportStatus } from '../runs/report-email-status.js';
import { uiLanguage } from '../settings/ui-language.js';
import { renderReportEmail, reportCap } from './report-document.js';
import { writeReportAttachment, type ReportAttachment } from './report-attachment.js';
import { digestOfRun, type RunDigest } from './report-digest.js';
import { getRunReport, recordAttempt } from '../runs/run-reports-store.js';
import { isAutomatic } from '../runs/automatic-runs.js';
import { claimReportSend, releaseReportSend } from '../runs/report-send-claim.js';
import { t } from '../../shared/i18n/translate.js';
import { readSmtpConfig } from './smtp-config.js';
import { sendMail } from './smtp-send.js';

/** Automatic retries stop after this many attempts in all; "send again" in the app always works. */
export const MAX_AUTO_ATTEMPTS = 5;
/** Wait before the automatic retry after attempt 1, 2, 3, 4. */
const BACKOFF_MINUTES = [1, 5, 30, 120];

/** When to try a failed email again after `attempts` tries in all; null once the cap is reached. */
export function nextRetryAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_AUTO_ATTEMPTS) return null;
  const minutes = BACKOFF_MINUTES[attempts - 1] ?? BACKOFF_MINUTES[BACKOFF_MINUTES.length - 1] ?? 1;
  return new Date(now.getTime() + minutes * 60_000);
}

// One send per run at a time (a retry at start-up and a click on "send again" must not both mail).
const inFlight = new Map<string, Promise<AppError | null>>();

/** The address a run's report goes to: the current setting (the owner may have fixed it), else the one recorded. */
function recipientFor(ctx: AppContext, runId: number): string | null {
  const current = ctx.settings.get('report.email')?.trim();
  return current || getRunReport(ctx.db, runId)?.to || null;
}

/** Nobody watches an automatic run: when it failed or partly failed, the subject says so first. */
function automaticSubjectPrefix(ctx: AppContext, data: RunDigest, lang: Language): string {
  const { summary } = data;
  if (summary.dryRun || !isAutomatic(ctx.db, summary.runId)) return '';
  if (summary.status !== 'completed') return t('unattended.subjectFailed', {}, lang);
  return summary.counts.failed > 0 ? t('unattended.subjectPartly', {}, lang) : '';
}

/**
 * The CSV list goes to a private temporary file that nodemailer streams from while sending: the full
 * list of a run within the attachment's limits, else its first rows by importance (a big run's full
 * list would bounce at every mail provider); it is written before the email, whose words say which.
 */
function writeAttachment(ctx: AppContext, data: RunDigest, lang: Language): ReportAttachment & { remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'barsy-report-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    return { ...writeReportAttachment(ctx.db, data, lang, dir), remove };
  } catch (err) {
    remove();
    throw err;
  }
}

async function attempt(ctx: AppContext, data: RunDigest): Promise<AppError | null> {
  const runId = data.summary.runId;
  const to = recipientFor(ctx, runId);
  let error: AppError | null = null;
  let attachment: ReturnType<typeof writeAttachment> | null = null;
  try {
    if (!to) throw new AppFailure('report_email_missing');
    const config = readSmtpConfig(ctx.settings);
    const lang = uiLanguage(ctx.settings);
    attachment = writeAttachment(ctx, data, lang);
    const doc = renderReportEmail(data, { lang, version: ctx.version, context: 'email' }, attachment);
    await sendMail(config, {
      to,
      subject: automaticSubjectPrefix(ctx, data, lang) + doc.subject,
      text: doc.text,
      html: doc.html,
      attachments: [{ filename: doc.csvFileName, path: attachment.path, contentType: 'text/csv; charset=utf-8' }],
    });
  } catch (err) {
    if (err instanceof AppFailure) error = err.appError;
    else {
      ctx.logger.error(`report email of run ${runId} failed unexpectedly`, err);
      error = appError('internal');
    }
  } finally {
    attachment?.remove();
  }
  const now = new Date();
  if (!error) {
    recordAttempt(ctx.db, runId, { to, ok: true, at: now });
    ctx.logger.info(`report of run ${runId} sent`);
  } else {
    const attempts = (getRunReport(ctx.db, runId)?.attempts ?? 0) + 1;
    recordAttempt(ctx.db, runId, { to, ok: false, error, at: now, nextRetryAt: nextRetryAt(attempts, now) });
    // Info, not warn: the failure is recorded and shown to the owner; the CLI prints it translated.
    ctx.logger.info(`report of run ${runId} not sent`, error);
  }
  // Every attempt (after the run, "send again", a retry) passes here: the UI learns its outcome at once.
  emitReportStatus(ctx, runId);
  return error;
}

/**
 * Renders and emails a run's report, recording the result; resolves to the error or null. Loading the
 * run may throw (`run_not_found`); sending never does.
 */
export async function deliverRunReport(ctx: AppContext, runId: number, o: { manual?: boolean } = {}): Promise<AppError | null> {
  const sent = await tryDeliverRunReport(ctx, runId, o);
  return sent === 'taken' ? (getRunReport(ctx.db, runId)?.error ?? null) : sent;
}

/**
 * As `deliverRunReport`, but 'taken' when this process did not send: another process holds the send
 * claim, or (automatic sends) the report went out already. The claim is one UPDATE in the database, so
 * two processes never mail the same report twice.
 */
export async function tryDeliverRunReport(ctx: AppContext, runId: number, o: { manual?: boolean } = {}): Promise<AppError | null | 'taken'> {
  const key = `${ctx.dbPath}#${runId}`;
  const running = inFlight.get(key);
  if (running) return running;
  const data = digestOfRun(ctx.db, runId, reportCap('email'));
  const token = claimReportSend(ctx.db, runId, { manual: o.manual === true });
  if (!token) return 'taken';
  const p = attempt(ctx, data).finally(() => {
    releaseReportSend(ctx.db, runId, token);
    inFlight.delete(key);
  });
  inFlight.set(key, p);
  return p;
}
