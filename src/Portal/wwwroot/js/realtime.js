// Real-time stream (notifications.md §5): ONE EventSource per browser, shared by its tabs. The tab holding the Web
// Lock "portal-realtime" keeps the connection and relays each event to the other tabs over a BroadcastChannel; when
// it closes, the next waiting tab takes the lock and connects. Every tab turns events into DOM events on document:
// `portal:<type>` (e.g. portal:task.status_changed) with detail {type, data, id}. Every tab remembers the id of the
// last event; a reconnect — by the browser itself (Last-Event-ID header), by the backoff below, or by a tab taking
// over the stream (?lastEventId=) — resumes from it and the server replays what was missed (NTF-04). When it cannot
// (away too long) the server sends `resync` and pages reload their data (`portal:resync`). The stream's state is
// shared too (`stream.state`): <html data-realtime="up|down"> tells notifications.js when to fall back to polling.
'use strict';

(() => {
  if (!('EventSource' in window)) return;
  const URL = '/eventos/stream';
  const TYPES = [
    'notification', 'resync', 'session.ended',
    'task.created', 'task.updated', 'task.status_changed', 'task.transferred', 'task.deleted', 'task.comment_created',
  ];
  const MIN_DELAY = 3000;
  const MAX_DELAY = 30000;
  const channel = 'BroadcastChannel' in window ? new BroadcastChannel('portal-realtime') : null;

  let leaderConnected = null; // set only in the tab holding the stream
  let lastId = ''; // the last event id seen by this tab (relayed by the leader), where a new stream resumes
  // Set when this page starts navigating away (e.g. "Sair" posted the logout form): the session.ended that the
  // logout itself causes must not replace that navigation with a login page asking to come back here.
  let leaving = false;
  window.addEventListener('beforeunload', () => { leaving = true; });

  function deliver(message) {
    if (message.id) lastId = message.id;
    if (message.type === 'stream.position') return;
    if (message.type === 'stream.state') {
      document.documentElement.dataset.realtime = message.data && message.data.connected ? 'up' : 'down';
    }
    if (message.type === 'session.ended') {
      if (leaving) return;
      const back = location.pathname + location.search;
      location.assign('/login?returnUrl=' + encodeURIComponent(back));
      return;
    }
    document.dispatchEvent(new CustomEvent('portal:' + message.type, { detail: message }));
  }

  // Followers: what the leader tab received.
  if (channel) {
    channel.addEventListener('message', (e) => {
      if (!e.data || !e.data.type) return;
      // A tab that just opened asks the leader whether the stream is up.
      if (e.data.type === 'stream.query') {
        if (leaderConnected !== null) channel.postMessage({ type: 'stream.state', data: { connected: leaderConnected }, id: lastId });
        return;
      }
      deliver(e.data);
    });
    channel.postMessage({ type: 'stream.query' });
  }

  function relay(message) {
    channel?.postMessage(message);
    deliver(message);
  }

  function setConnected(connected) {
    if (leaderConnected === connected) return;
    leaderConnected = connected;
    relay({ type: 'stream.state', data: { connected }, id: '' });
  }

  function parse(text) {
    try { return JSON.parse(text || '{}'); } catch { return {}; }
  }

  // The leader's connection: reconnects with backoff (3 s doubling to 30 s) when the browser gives up.
  function lead() {
    let delay = MIN_DELAY;
    let connectedBefore = false;
    const open = () => {
      const resumeFrom = lastId;
      const source = new EventSource(resumeFrom ? URL + '?lastEventId=' + encodeURIComponent(resumeFrom) : URL);
      const retry = (wait) => {
        source.close();
        setTimeout(open, wait);
      };
      source.addEventListener('ready', (e) => {
        delay = MIN_DELAY;
        setConnected(true);
        // The server replays from resumeFrom (or says resync); without a position the gap is unknown: reload.
        if (connectedBefore && !resumeFrom) relay({ type: 'resync', data: {}, id: '' });
        connectedBefore = true;
        if (e.lastEventId) relay({ type: 'stream.position', data: {}, id: e.lastEventId });
      });
      for (const type of TYPES) {
        source.addEventListener(type, (e) => relay({ type, data: parse(e.data), id: e.lastEventId }));
      }
      // A newer stream of the same user took this one's place (limit per user): come back later, not at once.
      source.addEventListener('closed', () => {
        setConnected(false);
        retry(MAX_DELAY);
      });
      source.addEventListener('error', () => {
        setConnected(false);
        // CONNECTING: the browser retries on its own. CLOSED: it gave up (e.g. signed out); retry with backoff.
        if (source.readyState !== EventSource.CLOSED) return;
        retry(delay);
        delay = Math.min(delay * 2, MAX_DELAY);
      });
    };
    open();
  }

  if (navigator.locks && channel) {
    // The callback's promise never settles: the lock (and the connection) lasts as long as the tab.
    navigator.locks.request('portal-realtime', () => new Promise(() => lead()));
  } else {
    lead(); // no way to share: each tab keeps its own stream
  }
})();
