import type { QueryClient } from '@tanstack/react-query';
import { subscribe } from './client.js';
import { channelKey } from './use-call.js';

/**
 * What main pushes about the preview, subscribed once for the whole app beside the run events
 * (`run-events.ts`): while a big import is planned, `preview:progress` says how far it got (at most twice
 * a second) and the preview's counts are asked for again — nothing polls. A load already on its way is
 * kept for a progress step, but not for the end: its answer may predate it (events can overtake
 * answers), and no event follows the end.
 */
export function listenForPreviewEvents(client: QueryClient): () => void {
  return subscribe('preview:progress', ({ complete }) => {
    void client.invalidateQueries({ queryKey: channelKey('sync:preview') }, { cancelRefetch: complete });
  });
}
