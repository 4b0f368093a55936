// Task boards (tasks.md §5, §10): drag-and-drop between columns with SortableJS,
// focus and highlight after a status change. Loaded with `defer` after site.js
// by the board pages only. A drop posts the card's own status form (the same
// request as its buttons, which stay the keyboard alternative); the server
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

  // 409: the board comes back showing where the card really is; swap it like a success.
  document.addEventListener('htmx:beforeSwap', (e) => {
    if (e.detail.xhr.status === 409 && e.detail.target?.matches?.(BOARD)) {
      e.detail.shouldSwap = true;
      e.detail.isError = false;
    }
  });

  // Drops waiting for their answer: form → how to put the card back.
  const pending = new WeakMap();

  document.addEventListener('htmx:afterRequest', (e) => {
    const form = e.detail.elt;
    const undo = pending.get(form);
    if (!undo) return;
    pending.delete(form);
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
    const form = [...card.querySelectorAll('form[data-move-to]')].find((f) => f.dataset.moveTo === to);
    const undo = () => putBack(evt);
    if (!form || !window.htmx) {
      undo();
      portal.toast?.('Transição não permitida.', 'danger');
      return;
    }
    const send = () => {
      card.classList.add('task-card-busy');
      pending.set(form, () => { undo(); });
      htmx.ajax('POST', form.getAttribute('hx-post'), { source: form, target: card.closest(BOARD), swap: 'outerHTML' });
    };
    const question = to === 'Done' ? card.dataset.confirmDone : '';
    if (question && portal.confirm) {
      portal.confirm(question).then((ok) => (ok ? send() : undo()));
    } else {
      send();
    }
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
            if (evt.to !== evt.from) drop(evt);
          },
        });
      }
    }
    // ?destaque= or the card just moved: bring it into view and give it focus (keyboard users continue from it).
    for (const card of within(root, '.task-card[data-highlight]')) {
      card.removeAttribute('data-highlight');
      card.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      card.focus({ preventScroll: true });
    }
  }

  document.addEventListener('htmx:load', (e) => enhance(e.detail.elt));
  if (document.readyState !== 'loading') enhance(document.body);
})();
