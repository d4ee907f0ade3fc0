import { AppFailure } from '../../shared/domain/app-error.js';
import type { SettingsStore } from '../settings/settings-store.js';
import { registerSecret } from '../logging/logger.js';
import { findSmtpPreset } from './smtp-presets.js';

/** Where and how to send: the resolved form of the `smtp.*` settings. */
export type SmtpConfig = {
  /** Preset id, or `custom` when host / port / TLS were typed. */
  source: string;
  host: string;
  port: number;
  secure: boolean;
  authMethod?: string;
  /** A typed host the user explicitly allowed to run without encryption (no STARTTLS required). */
  plain?: boolean;
  user: string | null;
  pass: string | null;
  from: string;
};

/**
 * Timeouts short enough for a "send test email" button: a wrong host or a port that swallows packets
 * fails within seconds instead of nodemailer's two-minute default.
 */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000, dnsTimeout: 8_000 };

const nonEmpty = (v: string | undefined): string | null => (v && v.trim() !== '' ? v.trim() : null);

/**
 * Reads the `smtp.*` settings. A preset (`smtp.service`, other than `custom`) supplies host, port and
 * TLS and wins over the typed ones (as in nodemailer); otherwise `smtp.host` is required, the port
 * defaults to 587 (465 when `smtp.secure` is true) and TLS defaults to "port is 465".
 */
export function readSmtpConfig(settings: SettingsStore): SmtpConfig {
  const service = nonEmpty(settings.get('smtp.service'));
  const user = nonEmpty(settings.get('smtp.user'));
  const pass = settings.get('smtp.pass') ?? null;
  registerSecret(pass ?? undefined);
  const from = nonEmpty(settings.get('smtp.from')) ?? user;

  let target: Pick<SmtpConfig, 'source' | 'host' | 'port' | 'secure' | 'authMethod' | 'plain'>;
  if (service && service.toLowerCase() !== 'custom') {
    const preset = findSmtpPreset(service);
    if (!preset) throw new AppFailure('setting_invalid', { key: 'smtp.service', reason: `unknown provider "${service}"` });
    target = { source: preset.id, host: preset.host, port: preset.port, secure: preset.secure };
    if (preset.authMethod) target.authMethod = preset.authMethod;
  } else {
    const host = nonEmpty(settings.get('smtp.host'));
    if (!host) throw new AppFailure('smtp_not_configured');
    const secureText = nonEmpty(settings.get('smtp.secure'));
    const portText = nonEmpty(settings.get('smtp.port'));
    const port = portText ? Number(portText) : secureText === 'true' ? 465 : 587;
    const secure = secureText ? secureText === 'true' : port === 465;
    target = { source: 'custom', host, port, secure, plain: !secure && settings.get('smtp.noEncryption') === 'true' };
  }
  if (!from) throw new AppFailure('smtp_not_configured');
  return { ...target, user, pass: user ? pass : null, from };
}

/** The nodemailer transport options for a config (auth only when a user is set). */
export function transportOptions(config: SmtpConfig) {
  return {
    host: config.host,
    port: config.port,
    secure: config.secure,
    // Without SSL, insist on STARTTLS, so the password never travels in clear if something in between
    // strips the server's offer. Only a typed host the user explicitly set to "no encryption" (an
    // in-house relay) may go without; a preset never does.
    requireTLS: !config.secure && !config.plain,
    ...(config.user ? { auth: { user: config.user, pass: config.pass ?? '' } } : {}),
    ...(config.authMethod ? { authMethod: config.authMethod } : {}),
    ...SMTP_TIMEOUTS,
  };
}
