import { AppFailure } from '../../shared/domain/app-error.js';
import { transportOptions, type SmtpConfig } from './smtp-config.js';
import { classifySmtpError } from './smtp-errors.js';

/** One email as the report builds it. */
export type OutgoingMail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `path`: a file nodemailer streams while sending (a large CSV is never held in memory). */
  attachments?: Array<{ filename: string; contentType: string } & ({ content: Buffer } | { path: string })>;
};

/** A header value must stay on one line: a name with a line break would otherwise inject headers. */
export function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

/** Builds the From header: a bare address gets the product's name as display name. */
function fromHeader(from: string): string | { name: string; address: string } {
  return from.includes('<') ? from : { name: 'Barsy → Mailchimp', address: from };
}

/** Sends one email through the owner's mailbox; a failure is thrown as a classified `AppFailure`. */
export async function sendMail(config: SmtpConfig, mail: OutgoingMail): Promise<void> {
  // Loaded when a mail is sent, not at start: nodemailer is heavy and most commands never send.
  const { default: nodemailer } = await import('nodemailer');
  const transport = nodemailer.createTransport(transportOptions(config));
  try {
    await transport.sendMail({
      from: fromHeader(config.from),
      to: mail.to,
      subject: oneLine(mail.subject),
      text: mail.text,
      html: mail.html,
      attachments: mail.attachments ?? [],
    });
  } catch (err) {
    const e = classifySmtpError(err, config);
    throw new AppFailure(e.code, e.params);
  } finally {
    transport.close();
  }
}
