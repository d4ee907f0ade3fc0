import { SimError, type FieldError } from './problem.js';
import type { Route } from './router.js';
import type { SimLocale } from './switches.js';

/**
 * Error texts in the account's language. Mailchimp writes `detail` and `errors[].message` in the
 * account's language (a German account answers "Bitte gib einen Wert ein."), while `title` stays the
 * English phrase; a client must keep the text as given and classify by structure. With `de`, address
 * errors also carry `errors[{field: "email address"}]` (with a space), as some real answers do.
 */

type Rule = [RegExp, (m: RegExpMatchArray) => string];

const DE: Rule[] = [
  [/^Please provide a valid email address\.$/, () => 'Bitte gib eine gültige E-Mail-Adresse an.'],
  [/^An email address must contain a single @\.$/, () => 'Eine E-Mail-Adresse muss genau ein @ enthalten.'],
  [/^The username portion of the email address is invalid \(the portion before the @: (.*)\)$/s, (m) => `Der Benutzername der E-Mail-Adresse ist ungültig (der Teil vor dem @: ${m[1]})`],
  [/^The domain portion of the email address is invalid \(the portion after the @: (.*)\)$/s, (m) => `Die Domain der E-Mail-Adresse ist ungültig (der Teil nach dem @: ${m[1]})`],
  [/^(.*) looks fake or invalid, please enter a real email address\.$/s, (m) => `${m[1]} scheint gefälscht oder ungültig zu sein. Bitte gib eine echte E-Mail-Adresse ein.`],
  [/^Your merge fields were invalid\.$/, () => 'Deine Zusammenführungsfelder waren ungültig.'],
  [/^Please enter a value$/, () => 'Bitte gib einen Wert ein.'],
  [/^Please enter a number$/, () => 'Bitte gib eine Zahl ein.'],
  [/^This value should not be blank\.$/, () => 'Dieser Wert darf nicht leer sein.'],
  [/^Invalid interest ID: '(.*)'\.$/s, (m) => `Ungültige Interessen-ID: '${m[1]}'.`],
  [
    /^(.*) is in a compliance state due to unsubscribe, bounce, or compliance review and cannot be subscribed\.$/s,
    (m) => `${m[1]} befindet sich aufgrund einer Abmeldung, eines Bounces oder einer Compliance-Prüfung im Compliance-Status und kann nicht angemeldet werden.`,
  ],
  [
    /^(.*) was permanently deleted and cannot be re-imported\. The contact must re-subscribe to get back on the list\.$/s,
    (m) => `${m[1]} wurde dauerhaft gelöscht und kann nicht erneut importiert werden. Der Kontakt muss sich selbst wieder anmelden.`,
  ],
  [
    /^(.*) has signed up to a lot of lists very recently; we're not allowing more signups for now$/s,
    (m) => `${m[1]} hat sich in letzter Zeit bei sehr vielen Listen angemeldet; weitere Anmeldungen sind vorerst nicht möglich`,
  ],
  [/^(.*) is already a list member, do you want to update\? please provide update_existing:true in the request body$/s, (m) => `${m[1]} ist bereits Mitglied der Liste. Möchtest du den Kontakt aktualisieren? Gib update_existing:true im Anfrage-Body an`],
  [/^The requested resource could not be found\.$/, () => 'Die angeforderte Ressource wurde nicht gefunden.'],
  [
    /^The resource submitted could not be validated\. For field-specific details, see the 'errors' array\.$/,
    () => "Die übermittelte Ressource konnte nicht validiert werden. Details zu den einzelnen Feldern findest du im Array 'errors'.",
  ],
];

/** One text in the locale; a text without a translation stays as it is. */
export function localizeText(locale: SimLocale, text: string): string {
  if (locale === 'en') return text;
  for (const [re, to] of DE) {
    const m = text.match(re);
    if (m) return to(m);
  }
  return text;
}

const ADDRESS_DETAILS = /valid email address|single @|username portion|domain portion|looks fake or invalid/;

/** A handler's error in the locale: same status, title and headers; translated detail and field messages. */
export function localizeError(locale: SimLocale, err: SimError): SimError {
  if (locale === 'en') return err;
  let errors: FieldError[] | undefined = err.errors?.map((e) => ({ field: e.field, message: localizeText(locale, e.message) }));
  if (!errors && err.status === 400 && ADDRESS_DETAILS.test(err.detail)) {
    errors = [{ field: 'email address', message: localizeText(locale, err.detail) }];
  }
  return new SimError(err.status, err.title, localizeText(locale, err.detail), errors, err.headers);
}

/** Routes whose refusals come in the locale (errors thrown before routing stay as they are). */
export function localizeRoutes(routes: readonly Route[], locale: SimLocale): Route[] {
  if (locale === 'en') return [...routes];
  return routes.map((route) => ({
    ...route,
    handle: async (ctx) => {
      try {
        return await route.handle(ctx);
      } catch (err) {
        throw err instanceof SimError ? localizeError(locale, err) : err;
      }
    },
  }));
}
