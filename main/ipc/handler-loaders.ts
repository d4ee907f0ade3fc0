import type { ChannelName } from '../../shared/ipc-contract.js';
import type { Handler, HandlersFor } from '../context/handler-types.js';

type PrefixOf<C> = C extends `${infer P}:${string}` ? P : never;
type ChannelPrefix = PrefixOf<ChannelName>;
type ChannelsOf<P extends string> = Extract<ChannelName, `${P}:${string}`>;

const importDomain = async () => (await import('../import/import-handlers.js')).importHandlers;
const reportDomain = async () => (await import('../report/report-handlers.js')).reportHandlers;

/**
 * The same domain maps as `handler-map.ts`, each loaded only when one of its channels is first called.
 * The CLI uses this, so `barsy-sync runs` does not load (and compile) the importer, the Mailchimp client,
 * the engine or the mailer. The mapped type makes a prefix of the contract without a loader a type error.
 */
const loaders: { [P in ChannelPrefix]: () => Promise<HandlersFor<ChannelsOf<P>>> } = {
  app: async () => (await import('./app-handlers.js')).appHandlers,
  settings: async () => (await import('./app-handlers.js')).settingsHandlers,
  import: importDomain,
  clients: importDomain,
  cache: importDomain,
  mailchimp: async () => (await import('../mailchimp/mailchimp-handlers.js')).mailchimpHandlers,
  mapping: async () => (await import('../mapping/mapping-handlers.js')).mappingHandlers,
  sync: async () => (await import('../sync/sync-handlers.js')).syncHandlers,
  runs: async () => (await import('../runs/runs-handlers.js')).runsHandlers,
  report: reportDomain,
  smtp: reportDomain,
  schedule: async () => (await import('../schedule/schedule-handlers.js')).scheduleHandlers,
  watch: async () => (await import('../watch/watch-handlers.js')).watchHandlers,
};

/** Loads the handler of one channel (its domain's module on first use). */
export async function loadHandler<C extends ChannelName>(channel: C): Promise<Handler<C>> {
  const prefix = channel.slice(0, channel.indexOf(':')) as ChannelPrefix;
  const map = (await loaders[prefix]()) as unknown as Record<C, Handler<C>>;
  return map[channel];
}
