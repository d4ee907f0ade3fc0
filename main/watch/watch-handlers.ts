import type { HandlersFor } from '../context/handler-types.js';
import { runUnattended } from './unattended-run.js';

/** The watch channels: the scheduled job (new exports of the watched folder, else the current import). */
export const watchHandlers: HandlersFor<'watch:run'> = {
  'watch:run': (req, ctx) => runUnattended(ctx, { watch: req.watch }),
};
