// The bell (notifications.md §6): badge and toast from `portal:notification` (realtime.js relays it to every tab),
// the dropdown's list from htmx, and — while the real-time stream is down or unavailable — polling of
// /notificacoes/recentes every 30 s (NTF-16).
'use strict';

(() => {
  const bell = document.getElementById('portal-bell');
  if (!bell) return;
  const badge = document.getElementById('portal-bell-badge');
  const menu = document.getElementById('portal-bell-menu');
  const button = document.getElementById('portal-bell-button');
  const POLL_MS = (Number(bell.dataset.pollSeconds) || 30) * 1000;
  let lastSeen = Number(bell.dataset.lastId || 0);

  function setUnread(count) {
    const n = Math.max(0, Number(count) || 0);
    bell.dataset.unread = String(n);
    badge.hidden = n === 0;
    badge.textContent = n > 99 ? '99+' : String(n);
    const label = document.createElement('span');
    label.className = 'visually-hidden';
    label.textContent = ' não lidas';
    badge.append(label);
  }

  function menuOpen() {
    return button.getAttribute('aria-expanded') === 'true';
  }

  function reloadMenu() {
    if (menuOpen() && window.htmx) htmx.ajax('GET', '/notificacoes/recentes', { target: menu, swap: 'innerHTML' });
  }

  // Server data goes in with textContent only, never innerHTML.
  function toast(n) {
    const container = document.getElementById('toasts');
    if (!container || !window.bootstrap) return;
    const el = document.createElement('div');
    el.className = 'toast border-0 portal-notification-toast';
    el.setAttribute('role', 'status');
    el.dataset.notificationId = String(n.id);
    const header = document.createElement('div');
    header.className = 'toast-header';
    const icon = document.createElement('i');
    icon.className = 'bi bi-bell me-2 text-primary';
    icon.setAttribute('aria-hidden', 'true');
    const title = document.createElement('strong');
    title.className = 'me-auto';
    title.textContent = n.title || 'Notificação';
    const close = document.createElement('button');
    close.type = 'button';
    close.className = 'btn-close';
    close.setAttribute('data-bs-dismiss', 'toast');
    close.setAttribute('aria-label', 'Fechar');
    header.append(icon, title, close);
    const body = document.createElement('div');
    body.className = 'toast-body';
    const text = document.createElement('div');
    text.textContent = n.body || '';
    body.append(text);
    if (n.link && n.link.startsWith('/') && !n.link.startsWith('//')) {
      const link = document.createElement('a');
      link.href = n.link;
      link.className = 'small';
      link.textContent = 'Abrir';
      body.append(link);
    }
    el.append(header, body);
    container.append(el);
    el.addEventListener('hidden.bs.toast', () => el.remove());
    bootstrap.Toast.getOrCreateInstance(el, { delay: 8000 }).show();
    // In a background tab, also an OS notification when the user allowed them.
    if (document.hidden && 'Notification' in window && Notification.permission === 'granted') {
      try { new Notification(n.title || 'Portal', { body: n.body || '', tag: 'portal-' + n.id }); } catch { /* not allowed here */ }
    }
  }

  function received(n) {
    if (!n || !n.id || n.id <= lastSeen) return;
    lastSeen = n.id;
    toast(n);
  }

  document.addEventListener('portal:notification', (e) => {
    const data = e.detail && e.detail.data;
    if (!data) return;
    if (typeof data.unreadCount === 'number') setUnread(data.unreadCount);
    received(data);
    reloadMenu();
  });

  // Marked read here or in the center (HX-Trigger from the server).
  document.addEventListener('portal:notifications-changed', (e) => {
    if (e.detail && typeof e.detail.unread === 'number') setUnread(e.detail.unread);
    reloadMenu();
  });

  // The dropdown's list carries the current count.
  menu.addEventListener('htmx:afterSwap', () => {
    const panel = menu.querySelector('[data-unread]');
    if (panel) setUnread(panel.dataset.unread);
  });

  async function poll() {
    try {
      const response = await fetch('/notificacoes/recentes', { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
      if (!response.ok) return;
      const json = await response.json();
      setUnread(json.unread);
      const fresh = (json.items || []).filter((n) => n.id > lastSeen && !n.readAt).sort((a, b) => a.id - b.id);
      for (const n of fresh) received(n);
      if (json.items && json.items.length) lastSeen = Math.max(lastSeen, ...json.items.map((n) => n.id));
    } catch {
      // Offline: the next tick tries again.
    }
  }

  // After a reconnect, events sent meanwhile may be missing: catch up once.
  document.addEventListener('portal:resync', poll);
  setInterval(() => {
    if (document.documentElement.dataset.realtime !== 'up') poll();
  }, POLL_MS);
})();
