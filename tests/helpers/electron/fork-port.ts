import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { lowerPriority, type EnginePort } from '../../../main/electron/engine-client.js';
import type { HostMessage } from '../../../main/electron/engine-host/protocol.js';

export const REPO = path.resolve(import.meta.dirname, '../../..');
export const HOST_ENTRY = path.join(REPO, 'main/electron/engine-host/host-main.ts');

/** Starts an engine host with Node's fork (tsx runs the TypeScript unless `execArgv` says otherwise), as utilityProcess.fork does in the app. */
export function forkPort(entry = HOST_ENTRY, children: ChildProcess[] = [], execArgv = ['--import', 'tsx']): () => EnginePort {
  return () => {
    const child = fork(entry, [], {
      execArgv,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      cwd: REPO,
    });
    children.push(child);
    child.once('spawn', () => lowerPriority(child.pid));
    return {
      // Like utilityProcess.postMessage, never throw when the host is already gone (its exit is reported).
      post: (m) => void child.send(m, () => undefined),
      onMessage: (l) => child.on('message', (m) => l(m as HostMessage)),
      onExit: (l) => child.on('exit', (code) => l(code)),
      kill: () => void child.kill(),
    };
  };
}
