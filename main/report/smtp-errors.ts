import { appError, type AppError } from '../../shared/domain/app-error.js';
import { redact } from '../logging/logger.js';

/** The fields nodemailer puts on its errors (code = its own type, originalCode = the system one). */
type NodemailerError = Error & {
  code?: string;
  originalCode?: string;
  response?: string;
  responseCode?: number;
  command?: string;
  timeoutType?: string;
};

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'EPIPE',
]);
// Messages of OpenSSL and Node's TLS layer: a TLS client talking to a plain port, a bad certificate, ….
const TLS_PATTERN = /\b(ssl|tls|certificate|cert_|self[- ]signed|wrong version number|handshake|eproto|packet length too long)\b/i;

/** Shortens and redacts a server's or socket's message so it can be shown and stored. */
function detailOf(err: NodemailerError): string {
  const text = (err.response ?? err.message ?? String(err)).replace(/\s+/g, ' ').trim();
  return redact(text).slice(0, 300);
}

/**
 * Turns a nodemailer failure into a message the owner can act on: wrong password → `smtp_auth`;
 * wrong host / port / server down → `smtp_connection`; TLS on the wrong port → `smtp_tls`; anything
 * else → `smtp_failed` with the server's own words.
 */
export function classifySmtpError(raw: unknown, target: { host: string; port: number; secure: boolean }): AppError {
  const err = (raw instanceof Error ? raw : new Error(String(raw))) as NodemailerError;
  const code = err.code ?? '';
  const original = err.originalCode ?? '';
  const text = `${err.message} ${err.response ?? ''} ${original}`;
  const where = { host: target.host, port: target.port };

  if (code === 'EAUTH' || code === 'ENOAUTH' || code === 'EOAUTH2') return appError('smtp_auth');
  // 530 "Authentication required" at MAIL FROM: the server wants a login that was not given.
  if (err.responseCode === 530 && /auth/i.test(text)) return appError('smtp_auth');
  // Refused STARTTLS (not offered, or stripped on the way): nodemailer stopped before sending the password.
  if (code === 'ETLS' && err.command === 'STARTTLS' && /^5\d\d/.test(err.response ?? '')) return appError('smtp_starttls_missing', where);
  if (code === 'ETLS' || code === 'EREQUIRETLS' || TLS_PATTERN.test(text) || original.startsWith('ERR_SSL') || original.startsWith('ERR_TLS')) {
    return appError('smtp_tls');
  }
  // A plain connection to an implicit-TLS port (465) gets no greeting: the server waits for a TLS hello.
  if (code === 'ETIMEDOUT' && err.timeoutType === 'GREETING_TIMEOUT' && !target.secure && target.port === 465) {
    return appError('smtp_tls');
  }
  if (code === 'EDNS' || code === 'ETIMEDOUT' || CONNECTION_CODES.has(original) || CONNECTION_CODES.has(code)) {
    return appError('smtp_connection', where);
  }
  if ((code === 'ECONNECTION' || code === 'ESOCKET') && err.command === 'CONN') return appError('smtp_connection', where);
  return appError('smtp_failed', { detail: detailOf(err) });
}
