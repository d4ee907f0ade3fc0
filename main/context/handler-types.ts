import type { AppContext } from './app-context.js';
import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../shared/ipc-contract.js';

/** A handler receives an already-validated request. It throws `AppFailure` for failures users can act on. */
export type Handler<C extends ChannelName> = (request: ParsedRequestOf<C>, ctx: AppContext) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** The one handler map: one function per channel of the contract, no more, no fewer. */
export type HandlerMap = { [C in ChannelName]: Handler<C> };

/** A domain's share of the handler map. */
export type HandlersFor<C extends ChannelName> = { [K in C]: Handler<K> };
