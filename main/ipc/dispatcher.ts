import type { z } from 'zod';
import { channels, type ChannelName, type WireResult } from '../../shared/ipc-contract.js';
import { appError } from '../../shared/domain/app-error.js';
import type { AppContext } from '../context/app-context.js';
import type { Handler, HandlerMap } from '../context/handler-types.js';
import { toAppError } from '../context/to-app-error.js';

export type Dispatch = (channel: string, request: unknown) => Promise<WireResult<ChannelName>>;

/** The whole handler map (the app), or a loader of one channel's handler (the CLI: `handler-loaders.ts`). */
export type HandlerSource = HandlerMap | ((channel: ChannelName) => Promise<Handler<ChannelName>>);

function isChannel(name: string): name is ChannelName {
  return Object.prototype.hasOwnProperty.call(channels, name);
}

/**
 * `jitless`: validate without zod's compiled fast path. A one-shot process (the CLI) checks a channel
 * once or twice, and compiling that path (`new Function` per object schema) costs more than it saves.
 */
export type DispatcherOptions = { jitless?: boolean };

/**
 * Validates the request of every call against the contract, rejects unknown channels, runs the handler
 * and returns a `WireResult`. The Electron shell, the CLI, the browser test bridge and tests all call
 * main through this one function.
 */
export function createDispatcher(handlers: HandlerSource, ctx: AppContext, options: DispatcherOptions = {}): Dispatch {
  const parse = options.jitless ? { jitless: true } : undefined;
  return async (channel, request) => {
    if (!isChannel(channel)) return { ok: false, error: appError('ipc_unknown_channel', { channel: String(channel).slice(0, 80) }) };
    const spec = channels[channel];
    const parsed = (spec.request as z.ZodType).safeParse(request ?? {}, parse);
    if (!parsed.success) {
      const detail = parsed.error.issues.map((i) => `${i.path.join('.') || '(request)'}: ${i.message}`).join('; ');
      return { ok: false, error: appError('ipc_invalid_request', { channel, detail: detail.slice(0, 500) }) };
    }
    try {
      const handler = (typeof handlers === 'function' ? await handlers(channel) : handlers[channel]) as (req: unknown, c: AppContext) => unknown;
      const value = await handler(parsed.data, ctx);
      // Responses are checked too, so a handler cannot leak a field the contract does not name.
      const out = (spec.response as z.ZodType).safeParse(value, parse);
      if (!out.success) {
        ctx.logger.error(`response of ${channel} does not match the contract`, out.error.issues.slice(0, 5));
        return { ok: false, error: appError('internal') };
      }
      return { ok: true, value: out.data } as WireResult<ChannelName>;
    } catch (err) {
      return { ok: false, error: toAppError(err, ctx, channel) };
    }
  };
}
