import type { HostMessage, HostTransport, ParentMessage } from './protocol.js';

/** Electron's `utilityProcess` gives the child `process.parentPort`; Node's `fork` gives `process.send`. */
type ParentPort = {
  on(event: 'message', listener: (e: { data: ParentMessage }) => void): void;
  postMessage(message: HostMessage): void;
};

/** Picks the transport the process was started with; plain Node, no `electron` import. */
export function detectTransport(proc: NodeJS.Process = process): HostTransport {
  const parentPort = (proc as NodeJS.Process & { parentPort?: ParentPort }).parentPort;
  const exit = (code: number) => setImmediate(() => proc.exit(code));
  if (parentPort) {
    return {
      post: (m) => parentPort.postMessage(m),
      onMessage: (l) => parentPort.on('message', (e) => l(e.data)),
      // A utility process dies with the app; nothing to watch.
      onDisconnect: () => undefined,
      exit,
    };
  }
  if (proc.send) {
    return {
      post: (m) => void proc.send?.(m),
      onMessage: (l) => proc.on('message', (m) => l(m as ParentMessage)),
      onDisconnect: (l) => proc.on('disconnect', l),
      exit,
    };
  }
  throw new Error('the engine host must be started by utilityProcess.fork or child_process.fork');
}
