import { utilityProcess } from 'electron';
import { lowerPriority, type EnginePort } from './engine-client.js';
import type { HostMessage } from './engine-host/protocol.js';

/** Starts the engine host in an Electron utility process (a Node process without a window). */
export function utilityPort(entry: string): () => EnginePort {
  return () => {
    const child = utilityProcess.fork(entry, [], { serviceName: 'Barsy sync engine', stdio: 'inherit' });
    child.once('spawn', () => lowerPriority(child.pid));
    return {
      post: (m) => child.postMessage(m),
      onMessage: (l) => void child.on('message', (m: HostMessage) => l(m)),
      onExit: (l) => void child.on('exit', (code) => l(code)),
      kill: () => void child.kill(),
    };
  };
}
