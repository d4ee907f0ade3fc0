import { subscriberHash } from './ids.js';

/** Languages of error texts (see locale.ts). */
export type SimLocale = 'en' | 'de';
export const SIM_LOCALES: readonly SimLocale[] = ['en', 'de'];

/**
 * Behaviour switches of issue 12 (the real service's field behaviour), read by the handlers and the
 * server next to the base `RuntimeConfig`.
 */
export type SwitchConfig = {
  /** New members sent as `subscribed` are stored `pending` (Mailchimp reviewing the account). */
  review: boolean;
  /** Language of error `detail` and `errors[].message` texts. */
  locale: SimLocale;
  /** A permanently deleted address answers "Member In Compliance State" (older accounts). */
  deletedAsCompliance: boolean;
  /** Subscriber hashes of addresses that "signed up to a lot of lists very recently". */
  tooManySignups: ReadonlySet<string>;
  /** Further API keys of the same account: accepted like the main key, sharing its connection limit. */
  extraApiKeys: readonly string[];
};

/** Switch options as `startSimulator` takes them. */
export type SwitchOptions = {
  review?: boolean;
  locale?: SimLocale;
  deletedAsCompliance?: boolean;
  tooManySignups?: readonly string[];
  extraApiKeys?: readonly string[];
};

/** The switches with their defaults (all off). */
export function switchConfig(o: SwitchOptions): SwitchConfig {
  return {
    review: o.review ?? false,
    locale: o.locale ?? 'en',
    deletedAsCompliance: o.deletedAsCompliance ?? false,
    tooManySignups: new Set((o.tooManySignups ?? []).map(subscriberHash)),
    extraApiKeys: [...(o.extraApiKeys ?? [])],
  };
}

/**
 * The key to check: every key of the account counts as the main one, so one account (and its one
 * connection limit) serves them all.
 */
export function accountKey(config: Pick<SwitchConfig, 'extraApiKeys'>, mainKey: string, presented: string | undefined): string | undefined {
  return presented !== undefined && config.extraApiKeys.includes(presented) ? mainKey : presented;
}
