// Task boards (tasks.md §5, §10): drag-and-drop between columns with SortableJS,
// focus and highlight after a status change. Loaded with `defer` after site.js
// by the board pages only. A drop sends the request of the card's status button
// for that column (the buttons stay the keyboard alternative); the server
// answers with the whole board re-rendered, or an error and the card goes back.
'use strict';

(() => {
  const BOARD = '[data-task-board]';
  const COLUMN = '[data-task-column]';
  const portal = window.portal || {};

  const within = (root, selector) => [
    ...(root.matches?.(selector) ? [root] : []),
    ...(root.querySelectorAll?.(selector) ?? []),
  ];

  // Sortable animates cards through el.style (CSSOM, allowed by the CSP). htmx's settle step would copy those
  // style attributes onto the re-rendered cards with setAttribute, which the CSP blocks: leave style out.
  if (window.htmx) htmx.config.attributesToSettle = htmx.config.attributesToSettle.filter((a) => a !== 'style');

  // Board answers: 409 brings the board back showing where the card really is (swap it like a success); other
  // 4xx are refusals the server explains in its toast (HX-Trigger), so they are not logged as errors; 5xx are.
  if (window.htmx) {
    htmx.config.responseHandling = [
      { code: '204', swap: false },
      { code: '[23]..', swap: true },
      { code: '409', swap: true, error: false },
      { code: '4..', swap: false, error: false },
      { code: '...', swap: false, error: true },
    ];
  }

  // Drops waiting for their answer: status button → how to put the card back.
  const pending = new WeakMap();

  document.addEventListener('htmx:afterRequest', (e) => {
    const button = e.detail.elt;
    const undo = pending.get(button);
    if (!undo) return;
    pending.delete(button);
    const status = e.detail.xhr?.status ?? 0;
    if (!(status >= 200 && status < 300) && status !== 409) undo();
  });

  function putBack(evt) {
    const { item, from, oldIndex } = evt;
    item.classList.remove('task-card-busy');
    from.insertBefore(item, from.children[oldIndex] ?? null);
  }

  function drop(evt) {
    const card = evt.item;
    const to = evt.to.dataset.taskColumn;
    const button = [...card.querySelectorAll('[data-move-to]')].find((b) => b.dataset.moveTo === to);
    const undo = () => putBack(evt);
    if (!button || !window.htmx) {
      undo();
      portal.toast?.('Transição não permitida.', 'danger');
      return;
    }
    const send = () => {
      card.classList.add('task-card-busy');
      pending.set(button, () => { undo(); });
      htmx.ajax('POST', button.getAttribute('formaction'), { source: button, target: card.closest(BOARD), swap: 'outerHTML' });
    };
    const question = to === 'Done' ? card.dataset.confirmDone : '';
    if (question && portal.confirm) {
      portal.confirm(question).then((ok) => (ok ? send() : undo()));
    } else {
      send();
    }
  }

  // The column under the pointer at release. Sortable keeps the card in the last column that accepted it, so a
  // drag from Pendente across Em andamento to Concluída would otherwise become "Iniciar".
  function columnAt(e) {
    const p = e?.changedTouches?.[0] ?? e;
    if (typeof p?.clientX !== 'number') return undefined; // unknown: trust Sortable
    const ghosts = [...document.querySelectorAll('.sortable-fallback')];
    for (const g of ghosts) g.hidden = true;
    const el = document.elementFromPoint(p.clientX, p.clientY);
    for (const g of ghosts) g.hidden = false;
    return el?.closest('section[data-column]')?.querySelector(COLUMN) ?? null;
  }

  const allowed = (dragEl, list) => (dragEl.dataset.targets || '').split(' ').includes(list.dataset.taskColumn);

  function enhance(root) {
    if (window.Sortable) {
      for (const list of within(root, COLUMN)) {
        if (list.dataset.sortable) continue;
        list.dataset.sortable = 'true';
        Sortable.create(list, {
          group: { name: 'tasks', pull: true, put: (to, _from, dragEl) => allowed(dragEl, to.el) },
          sort: false, // order comes from the server (priority, due date, creation)
          draggable: '.task-card:not([data-targets=""])',
          filter: 'a, button, input, select, textarea, .task-more',
          preventOnFilter: false,
          forceFallback: true, // pointer events: the same on mouse, touch and pen
          fallbackTolerance: 4,
          delayOnTouchOnly: true,
          delay: 200, // on phones a short press starts a drag; a swipe scrolls the board
          animation: 150,
          ghostClass: 'sortable-ghost',
          chosenClass: 'sortable-chosen',
          onStart: (evt) => {
            for (const col of document.querySelectorAll(COLUMN)) {
              col.classList.toggle('task-drop-allowed', col !== evt.from && allowed(evt.item, col));
            }
          },
          onEnd: (evt) => {
            for (const col of document.querySelectorAll(COLUMN)) col.classList.remove('task-drop-allowed');
            const moved = evt.to !== evt.from;
            const under = columnAt(evt.originalEvent);
            if (moved && (under === undefined || under === evt.to)) {
              drop(evt);
              return;
            }
            if (moved) putBack(evt); // released outside the column that took it
            if (under && under !== evt.from) portal.toast?.('Transição não permitida.', 'danger');
          },
        });
      }
    }
    // ?destaque= or the card just moved: bring it into view and give it focus (keyboard users continue from it).
    for (const card of within(root, '.task-card[data-highlight="true"]')) {
      card.setAttribute('data-highlight', 'done');
      card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      card.focus({ preventScroll: true });
    }
  }

  // Live boards (tasks.md §8, TSK-21): realtime.js turns stream events into portal:task.* DOM events. A change to a
  // card on this board, or to a task of this board's sector, refreshes the board (debounced, with its filters) and
  // briefly marks the cards that changed. The user's own edit is already shown: its version matches the card's.
  const LIVE_TYPES = ['created', 'updated', 'status_changed', 'transferred', 'deleted', 'comment_created'];
  // Task id → the version and status the event announced (null: refresh whatever the card shows).
  const changed = new Map();
  let resync = false; // events may have been missed: refresh whatever the cards show
  let refreshTimer = 0;

  function onTaskEvent(e) {
    const board = document.querySelector(BOARD);
    const data = e.detail?.data ?? {};
    if (!board?.dataset.refreshUrl || data.taskId == null) return;
    const card = board.querySelector(`.task-card[data-task-id="${data.taskId}"]`);
    const own = ['task.created', 'task.updated', 'task.status_changed'].includes(e.detail.type);
    if (own && card && card.dataset.version === String(data.version) && card.dataset.status === data.status) return;
    const sector = board.dataset.boardSector;
    if (!card && sector && String(data.sectorId) !== sector) return;
    changed.set(String(data.taskId), own && card ? { version: String(data.version), status: data.status } : null);
    scheduleRefresh(250);
  }

  function scheduleRefresh(wait) {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refreshBoard, wait);
  }

  function refreshBoard() {
    const board = document.querySelector(BOARD);
    if (!board || !window.htmx) return;
    // Never pull the board from under a drag or a drop waiting for its answer.
    if (document.querySelector('.sortable-chosen, .task-card-busy')) {
      scheduleRefresh(1000);
      return;
    }
    // The event may have arrived before the answer to the user's own move: once that answer is on the board, the
    // card already shows what the event announced and a refresh would only take the focus away from it.
    for (const [id, want] of changed) {
      const card = board.querySelector(`.task-card[data-task-id="${id}"]`);
      if (want && card && card.dataset.version === want.version && card.dataset.status === want.status) changed.delete(id);
    }
    if (changed.size === 0 && !resync) return;
    resync = false;
    const ids = [...changed.keys()];
    changed.clear();
    const focused = document.activeElement?.closest?.('.task-card')?.dataset.taskId;
    htmx.ajax('GET', board.dataset.refreshUrl, { source: board, target: board, swap: 'outerHTML' }).then(() => {
      for (const id of ids) {
        const card = document.querySelector(`${BOARD} .task-card[data-task-id="${id}"]`);
        if (!card) continue;
        card.classList.add('task-card-live');
        setTimeout(() => card.classList.remove('task-card-live'), 2500);
      }
      if (focused) document.querySelector(`${BOARD} .task-card[data-task-id="${focused}"]`)?.focus();
    });
  }

  for (const type of LIVE_TYPES) document.addEventListener('portal:task.' + type, onTaskEvent);
  document.addEventListener('portal:resync', () => {
    resync = true;
    scheduleRefresh(250);
  });

  document.addEventListener('htmx:load', (e) => enhance(e.detail.elt));
  if (document.readyState !== 'loading') enhance(document.body);
})();
