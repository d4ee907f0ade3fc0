/*
 * The browser implementation of `window.barsy` (BarsyApi) used by the test bridge
 * (main/test-bridge/): the same contract as the Electron preload, carried over HTTP (calls) and a
 * WebSocket (events) to a Node server that runs the same handler map. The bridge injects
 * `window.__BARSY_BRIDGE__ = { token }` before this script. Never loaded in the desktop app.
 */
import type { AppError, Result } from '../shared/domain/app-error.js';
import type { BarsyApi, ChannelName, EventName, EventOf, RequestOf, SaveFileRequest, SaveFileResponse, WireResult } from '../shared/ipc-contract.js';

// The Node tsconfig that checks preload/ has no DOM library, so the few browser objects used here
// are described locally rather than pulling DOM types into the engine's type-check.
type WsLike = {
  onmessage: ((e: { data: unknown }) => void) | null;
  onclose: (() => void) | null;
};
type FileLike = { name: string; size: number };
type InputLike = {
  type: string;
  accept: string;
  style: { display: string };
  files: ArrayLike<FileLike> | null;
  addEventListener(type: 'change' | 'cancel', listener: () => void): void;
  click(): void;
  remove(): void;
};
type AnchorLike = { href: string; download: string; click(): void; remove(): void };
type BrowserGlobals = {
  __BARSY_BRIDGE__?: { token: string };
  barsy?: BarsyApi;
  location: { host: string; protocol: string };
  WebSocket: new (url: string) => WsLike;
  document: {
    createElement(tag: 'input'): InputLike;
    createElement(tag: 'a'): AnchorLike;
    body: { appendChild(node: InputLike | AnchorLike): void };
  };
  Blob: new (parts: string[], options: { type: string }) => object;
  URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };
};

const g = globalThis as unknown as BrowserGlobals;
const token = g.__BARSY_BRIDGE__?.token ?? '';
const internal = (detail: string): AppError => ({ code: 'internal', params: { detail } });

async function invoke<C extends ChannelName>(channel: C, request: RequestOf<C>): Promise<WireResult<C>> {
  try {
    const res = await fetch(`/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-barsy-token': token },
      body: JSON.stringify(request ?? {}),
    });
    if (!res.ok) return { ok: false, error: internal(`bridge HTTP ${res.status}`) };
    return (await res.json()) as WireResult<C>;
  } catch {
    return { ok: false, error: internal('bridge unreachable') };
  }
}

const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
let socket: WsLike | null = null;

/** One WebSocket for all events, reopened if the bridge drops it. */
function ensureSocket(): void {
  if (socket) return;
  const scheme = g.location.protocol === 'https:' ? 'wss' : 'ws';
  const ws = new g.WebSocket(`${scheme}://${g.location.host}/events?t=${encodeURIComponent(token)}`);
  socket = ws;
  ws.onmessage = (e) => {
    try {
      const msg = JSON.parse(String(e.data)) as { event: EventName; payload: unknown };
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    } catch {
      // a malformed frame is dropped; the next one is independent
    }
  };
  ws.onclose = () => {
    socket = null;
    if ([...listeners.values()].some((s) => s.size > 0)) setTimeout(ensureSocket, 500);
  };
}

function on<E extends EventName>(event: E, listener: (payload: EventOf<E>) => void): () => void {
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  const l = listener as (payload: unknown) => void;
  set.add(l);
  ensureSocket();
  return () => void set.delete(l);
}

/**
 * Sends a file's bytes to the bridge, which stores it in a temporary folder and answers its path (the
 * bridge is a trusted caller of the dispatcher: paths, not tokens).
 */
async function uploadFile(file: object): Promise<string> {
  const f = file as FileLike;
  const res = await fetch(`/upload?name=${encodeURIComponent(f.name)}`, {
    method: 'POST',
    headers: { 'x-barsy-token': token, 'content-type': 'application/octet-stream' },
    body: file as Blob,
  });
  if (!res.ok) throw new Error(`upload failed: HTTP ${res.status}`);
  return ((await res.json()) as { path: string }).path;
}

/** The browser's file chooser standing in for the native dialog; the chosen file is uploaded. */
function pickFile(kind: 'csv'): Promise<string | null> {
  return new Promise((resolve) => {
    const input = g.document.createElement('input');
    input.type = 'file';
    input.accept = kind === 'csv' ? '.csv,.txt,text/csv' : '';
    input.style.display = 'none';
    g.document.body.appendChild(input);
    const done = (value: string | null) => {
      input.remove();
      resolve(value);
    };
    input.addEventListener('cancel', () => done(null));
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      if (!file) return done(null);
      uploadFile(file).then(done, () => done(null));
    });
    input.click();
  });
}

const MIME = { csv: 'text/csv;charset=utf-8', html: 'text/html;charset=utf-8', text: 'text/plain;charset=utf-8' } as const;

/**
 * The bridge has no save dialog: an export becomes a browser download (Playwright's `download` event
 * in the end-to-end tests). Only here: the desktop app refuses every download and saves through main.
 */
async function saveFile(file: SaveFileRequest): Promise<Result<SaveFileResponse>> {
  const url = g.URL.createObjectURL(new g.Blob([file.content], { type: MIME[file.kind] }));
  const a = g.document.createElement('a');
  a.href = url;
  a.download = file.suggestedName;
  g.document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => g.URL.revokeObjectURL(url), 10_000);
  return { ok: true, value: { saved: true, fileName: file.suggestedName } };
}

const fileRef = (file: object): Promise<string | null> => uploadFile(file).catch(() => null);

const api: BarsyApi = { invoke, on, pickFile, fileRef, saveFile };
g.barsy = api;
