/**
 * Opens a collaborative document for a component: a Y.Doc kept locally in IndexedDB and synced
 * through the shared WebSocket, with what the page needs to show about it.
 */
import { type HocuspocusProvider, WebSocketStatus } from '@hocuspocus/provider';
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { post } from '../app/api.ts';
import { type ClosedReason, closedReason, REFUSED_CHANGE, REOPEN_BY_ITSELF } from './closedReason.ts';
import { keepLocalCopy } from './localCopies.ts';
import { openProvider } from './openProvider.ts';
import { sharedSocket } from './socket.ts';

/** A token fetched before the socket opened is used only this long after; later, a new one is asked for. */
const FIRST_TOKEN_FRESH_MS = 60_000;
/** How long the document waits for the browser's copy (IndexedDB) before it opens without it. */
const LOCAL_COPY_WAIT_MS = 8_000;

/** A close that passes with time is followed by a reopening after this delay. */
export const REOPEN_DELAY_MS = 5_000;

/** `closed`: the server ended this document's connection on a socket that stays open for the page's other documents. */
export type ConnectionState = 'connecting' | 'online' | 'reconnecting' | 'offline' | 'denied' | 'closed';

export interface CollabDocument {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  state: ConnectionState;
  /** True once the server has sent its state. */
  synced: boolean;
  /** True when the server opened the document read-only for this user. */
  readOnly: boolean;
  /** Local changes the server has not acknowledged yet. */
  unsynced: number;
  /** Why the server last closed this document or its socket, until it is in sync again. */
  closed: ClosedReason | null;
  /**
   * Opens the document again after the server closed it (state `closed`): a new provider on the
   * socket, with what the local copy holds, or, when the close refused a change of this browser's,
   * from the server's copy alone.
   */
  reopen: () => Promise<void>;
}

function useOnline(): boolean {
  return useSyncExternalStore(
    (notify) => {
      window.addEventListener('online', notify);
      window.addEventListener('offline', notify);
      return () => {
        window.removeEventListener('online', notify);
        window.removeEventListener('offline', notify);
      };
    },
    () => navigator.onLine,
  );
}

export function useCollabDocument(name: string, options: { userId: string; keepOffline?: boolean }): CollabDocument | null {
  const [handle, setHandle] = useState<{ doc: Y.Doc; provider: HocuspocusProvider } | null>(null);
  const [status, setStatus] = useState<WebSocketStatus>(WebSocketStatus.Connecting);
  const [synced, setSynced] = useState(false);
  const [readOnly, setReadOnly] = useState(false);
  const [denied, setDenied] = useState(false);
  const [unsynced, setUnsynced] = useState(0);
  const [closed, setClosed] = useState<ClosedReason | null>(null);
  const [documentClosed, setDocumentClosed] = useState(false);
  const [everConnected, setEverConnected] = useState(false);
  const online = useOnline();
  const keepOffline = options.keepOffline ?? true;
  // A document kept only in memory (the live projection) starts afresh after every disconnection:
  // each server instance writes its own copy, and merging one instance's copy into another's
  // could let a stale entry win.
  const [generation, setGeneration] = useState(0);
  const localCopy = useRef<ReturnType<typeof keepLocalCopy> | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = keepOffline ? keepLocalCopy(options.userId, name, doc) : null;
    localCopy.current = local;
    let hadState = false;
    const socket = sharedSocket();
    const fetchToken = async () => (await post<{ token: string }>('/api/collab-token', { doc: name })).token;
    // The first token is asked for now, while the socket opens, not once it is open: one round trip
    // less before the document syncs (issue #15). It is used only while fresh (tokens last 5 minutes).
    let firstToken: { token: Promise<string>; at: number } | null = { token: fetchToken(), at: Date.now() };
    firstToken.token.catch(() => undefined); // a failed early token is asked for again when used
    let provider: HocuspocusProvider | null = null;
    let cancelled = false;
    let waitForLocal: ReturnType<typeof setTimeout> | undefined;
    const open = () => {
      if (cancelled || provider) return;
      provider = openProvider({
        socket,
        name,
        doc,
        // A fresh token, bound to this document, at every (re)connection.
        token: async () => {
          const early = firstToken && Date.now() - firstToken.at < FIRST_TOKEN_FRESH_MS ? firstToken.token : null;
          firstToken = null;
          if (early) {
            try {
              return await early;
            } catch {
              // Asked while offline, say: ask again now that the socket is open.
            }
          }
          return fetchToken();
        },
        events: {
          onStatus: ({ status: next }) => {
            setStatus(next);
            if (next === WebSocketStatus.Connected) setEverConnected(true);
            if (next !== WebSocketStatus.Connected) {
              setSynced(false);
              setDocumentClosed(false); // the socket's own state says it from now on
            }
            if (next === WebSocketStatus.Disconnected && hadState && !keepOffline) setGeneration((g) => g + 1);
          },
          onSynced: ({ state }) => {
            hadState ||= state;
            setSynced(state);
            if (state) {
              setClosed(null);
              setDocumentClosed(false);
            }
          },
          onAuthenticated: ({ scope }) => {
            setDenied(false);
            setDocumentClosed(false);
            setReadOnly(scope === 'readonly');
          },
          onAuthenticationFailed: ({ reason }) => {
            setDenied(true);
            setClosed(closedReason({ reason }, false) ?? 'forbidden');
          },
          // Hocuspocus multiplexes the page's documents on one socket, and ends one document's connection
          // (a refused update: agendaItemDay, documentTooLarge...) with a message on it, not a close of
          // the socket: the status stays Connected and the provider never says it is out of sync. Before,
          // the indicator therefore kept "Online", with the reason hidden and the change "not yet
          // confirmed" for ever. The provider does not open the document again until the socket does:
          // `reopen` does, pressed by the person or, for a close that passes with time, after a delay.
          onClose: ({ event }) => {
            // A reason the page does not know, from a server newer than it, is named `unknown` (closedReason.ts).
            const ofDocument = socket.status === WebSocketStatus.Connected;
            const name = closedReason(event, ofDocument);
            if (name) setClosed(name);
            setSynced(false);
            if (ofDocument) setDocumentClosed(true);
          },
          onUnsyncedChanges: ({ number }) => setUnsynced(number),
        },
      });
      if (socket.status === WebSocketStatus.Connected) {
        setStatus(WebSocketStatus.Connected);
        setEverConnected(true);
      }
      setHandle({ doc, provider });
    };
    // The local copy is put into the document before the provider listens to it. Loaded after,
    // its content arrived as a change of this page's and was sent to the server as an update:
    // the whole agenda at each opening of a tab, refused from an observer (read-only) and
    // ending their connection. Loaded before, it takes part in the sync: the step 2 carries
    // only what the server lacks (offline edits), nothing for a copy that holds nothing new.
    //
    // Not on a reopening (Reconnect, or by itself after a busy server): there the new copy opens at
    // once, in the same render as the old one goes, so the page keeps its editor, its Reconnect
    // button and the focus it hands back to the text (waiting, the document was gone from the page
    // for a moment and the focus with it). Its local copy then arrives as an update, as every
    // opening's did before; after a refused change that copy was emptied (`reopen`).
    if (local && generation === 0) {
      // A browser without IndexedDB (some private modes) never loads it: the document opens without.
      const loaded = Promise.race([local.whenSynced, local._db.then(() => new Promise<never>(() => {}))]);
      loaded.then(open, open);
      // An IndexedDB that neither opens nor fails (a stuck browser store) must not keep the document shut.
      waitForLocal = setTimeout(open, LOCAL_COPY_WAIT_MS);
    } else open();
    return () => {
      cancelled = true;
      clearTimeout(waitForLocal);
      provider?.destroy();
      void local?.destroy();
      doc.destroy();
      setHandle(null);
      setSynced(false);
      setClosed(null);
      setDocumentClosed(false);
    };
  }, [name, options.userId, keepOffline, generation]);

  const reopen = useCallback(async () => {
    // The refused change is in the local copy too: kept, it would be sent again and refused again.
    if (closed && REFUSED_CHANGE.has(closed)) await localCopy.current?.clearData();
    setGeneration((g) => g + 1);
  }, [closed]);

  const closedByItself = documentClosed && closed !== null && REOPEN_BY_ITSELF.has(closed);
  useEffect(() => {
    if (!closedByItself) return;
    const timer = setTimeout(() => void reopen(), REOPEN_DELAY_MS);
    return () => clearTimeout(timer);
  }, [closedByItself, reopen]);

  if (!handle) return null;
  let state: ConnectionState;
  if (denied) state = 'denied';
  else if (!online) state = 'offline';
  else if (documentClosed) state = 'closed';
  else if (status === WebSocketStatus.Connected && synced) state = 'online';
  else state = everConnected ? 'reconnecting' : 'connecting';
  return { ...handle, state, synced, readOnly, unsynced, closed: state === 'online' ? null : closed, reopen };
}
