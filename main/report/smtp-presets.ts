import wellKnown from 'nodemailer/lib/well-known/services.json' with { type: 'json' };

/** An SMTP provider whose settings the user can pick instead of typing host, port and TLS. */
export type SmtpPreset = {
  id: string;
  label: string;
  host: string;
  port: number;
  /** true: TLS from the first byte (usually 465); false: plain connection upgraded with STARTTLS (587). */
  secure: boolean;
  /** Forced authentication method, where nodemailer knows the provider needs one (Zoho: LOGIN). */
  authMethod?: string;
};

type WellKnownEntry = { description?: string; host?: string; port?: number | string; secure?: boolean; authMethod?: string };

/**
 * Bulgarian mailbox providers whose SMTP settings they publish themselves. Only providers we are sure
 * of are listed; anyone else uses host / port / TLS directly.
 */
const bulgarianPresets: SmtpPreset[] = [
  { id: 'abv.bg', label: 'ABV.bg', host: 'smtp.abv.bg', port: 465, secure: true },
  { id: 'mail.bg', label: 'Mail.bg', host: 'mail.bg', port: 465, secure: true },
];

/**
 * The mailbox providers (not bulk senders) taken from nodemailer's well-known list, in the order a
 * small Bulgarian shop is likely to need them. Host, port and TLS come from nodemailer, so they follow
 * its updates.
 */
const WELL_KNOWN_IDS = [
  'Gmail',
  'Outlook365',
  'Hotmail',
  'Yahoo',
  'Zoho',
  'iCloud',
  'GMX',
  'AOL',
  'Yandex',
  'Mail.ru',
  'FastMail',
  'Proton',
] as const;

function fromWellKnown(id: string): SmtpPreset | undefined {
  const entry = (wellKnown as unknown as Record<string, WellKnownEntry>)[id];
  const port = Number(entry?.port);
  if (!entry?.host || !Number.isInteger(port)) return undefined;
  const preset: SmtpPreset = { id, label: entry.description ?? id, host: entry.host, port, secure: entry.secure === true };
  if (entry.authMethod) preset.authMethod = entry.authMethod;
  return preset;
}

/** Every preset offered in the settings (Bulgarian providers first), for `smtp:presets`. */
export function listSmtpPresets(): SmtpPreset[] {
  const fromNodemailer = WELL_KNOWN_IDS.map(fromWellKnown).filter((p): p is SmtpPreset => p !== undefined);
  return [...bulgarianPresets, ...fromNodemailer];
}

/** Finds a preset by id, case-insensitively (the CLI user may type `gmail`). */
export function findSmtpPreset(id: string): SmtpPreset | undefined {
  const wanted = id.trim().toLowerCase();
  return listSmtpPresets().find((p) => p.id.toLowerCase() === wanted);
}
