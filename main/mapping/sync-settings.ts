import type { AppContext } from '../context/app-context.js';
import type { RemovalPolicy } from '../../shared/domain/sync.js';
import type { NameMode } from './rules.js';

/** Settings the engine reads, with their defaults. */
export function syncSettings(ctx: Pick<AppContext, 'settings'>): { nameMode: NameMode; policy: RemovalPolicy } {
  const nameMode = ctx.settings.get('sync.nameMode') === 'whole' ? 'whole' : 'split';
  const p = ctx.settings.get('sync.removalPolicy');
  const policy: RemovalPolicy = p === 'unsubscribe' || p === 'archive' ? p : 'leave';
  return { nameMode, policy };
}
