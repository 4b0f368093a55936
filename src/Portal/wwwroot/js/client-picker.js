// Client picker of the task forms and the history filter (Features/Tasks/Pages/_ClientPicker.cshtml). Typing asks
// the server (debounced, as htmx would: HX-Request GET) for matching clients rendered as role="option" buttons; the
// combobox keeps focus and the arrows move aria-activedescendant, Enter or a click picks, Escape closes. Picking
// fills the hidden id and shows "código – nome" with "Remover". Loaded only by the pages that render a picker.
'use strict';

(() => {
  const ROOT = '[data-client-picker]';
  const DELAY_MS = 250;
  const state = new WeakMap(); // root → { timer, seq }

  const parts = (root) => ({
    value: root.querySelector('[data-picker-value]'),
    chosen: root.querySelector('[data-picker-chosen]'),
    label: root.querySelector('[data-picker-label]'),
    clear: root.querySelector('[data-picker-clear]'),
    search: root.querySelector('[data-picker-search]'),
    input: root.querySelector('[data-picker-input]'),
    list: root.querySelector('[data-picker-list]'),
    status: root.querySelector('[data-picker-status]'),
  });

  const options = (root) => [...parts(root).list.querySelectorAll('[role=option]')];
  const stateOf = (root) => {
    if (!state.has(root)) state.set(root, { timer: 0, seq: 0 });
    return state.get(root);
  };

  const announce = (root, text) => {
    const { status } = parts(root);
    if (status) status.textContent = text;
  };

  const close = (root) => {
    const { input, list } = parts(root);
    list.replaceChildren();
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };

  const activate = (root, index) => {
    const { input } = parts(root);
    const all = options(root);
    if (all.length === 0) return;
    const next = (index + all.length) % all.length;
    all.forEach((o, i) => {
      o.classList.toggle('active', i === next);
      o.setAttribute('aria-selected', i === next ? 'true' : 'false');
    });
    input.setAttribute('aria-activedescendant', all[next].id);
    all[next].scrollIntoView({ block: 'nearest' });
  };

  const activeIndex = (root) => options(root).findIndex((o) => o.classList.contains('active'));

  const search = async (root) => {
    const { input, list } = parts(root);
    const s = stateOf(root);
    const text = input.value.trim();
    const seq = ++s.seq;
    if (text.length === 0) {
      close(root);
      announce(root, '');
      return;
    }
    let html;
    try {
      const url = `${root.dataset.searchUrl}?q=${encodeURIComponent(text)}`;
      const response = await fetch(url, { headers: { 'HX-Request': 'true' }, credentials: 'same-origin' });
      // A redirect means the session ended (the login page): never show that inside the list.
      if (!response.ok || response.redirected) throw new Error(String(response.status));
      html = await response.text();
    } catch {
      if (seq === s.seq) announce(root, 'Não foi possível buscar clientes.');
      return;
    }
    if (seq !== s.seq) return; // an older answer arriving after a newer one
    // An answer landing while the user already arrows through the previous one keeps their choice when it is still there.
    const kept = options(root)[activeIndex(root)]?.dataset.clientId;
    list.innerHTML = html; // server-encoded fragment, same origin
    const all = options(root);
    all.forEach((o, i) => { o.id = `${list.id}-${i}`; });
    input.setAttribute('aria-expanded', list.childElementCount > 0 ? 'true' : 'false');
    input.removeAttribute('aria-activedescendant');
    const again = kept === undefined ? -1 : all.findIndex((o) => o.dataset.clientId === kept);
    if (again >= 0) activate(root, again);
    announce(root, all.length === 0 ? 'Nenhum cliente ativo encontrado.'
      : all.length === 1 ? '1 cliente encontrado. Use as setas para escolher.' : `${all.length} clientes encontrados. Use as setas para escolher.`);
  };

  const pick = (root, option) => {
    const p = parts(root);
    p.value.value = option.dataset.clientId;
    p.label.textContent = option.dataset.clientLabel;
    p.label.title = option.dataset.clientLabel;
    p.clear.setAttribute('aria-label', `Remover cliente ${option.dataset.clientLabel}`);
    p.input.value = '';
    close(root);
    p.search.classList.add('d-none');
    p.chosen.classList.remove('d-none');
    p.value.dispatchEvent(new Event('change', { bubbles: true }));
    p.clear.focus();
    announce(root, `Cliente escolhido: ${option.dataset.clientLabel}.`);
  };

  const clear = (root) => {
    const p = parts(root);
    p.value.value = '';
    p.label.textContent = '';
    p.label.title = '';
    p.chosen.classList.add('d-none');
    p.search.classList.remove('d-none');
    p.value.dispatchEvent(new Event('change', { bubbles: true }));
    p.input.focus();
    announce(root, 'Cliente removido.');
  };

  document.addEventListener('input', (e) => {
    const input = e.target instanceof Element ? e.target.closest('[data-picker-input]') : null;
    const root = input?.closest(ROOT);
    if (!root) return;
    const s = stateOf(root);
    clearTimeout(s.timer);
    s.timer = setTimeout(() => search(root), DELAY_MS);
  });

  document.addEventListener('keydown', (e) => {
    const input = e.target instanceof Element ? e.target.closest('[data-picker-input]') : null;
    const root = input?.closest(ROOT);
    if (!root) return;
    const open = options(root).length > 0 || parts(root).list.childElementCount > 0;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (options(root).length === 0) search(root); // closed with text typed: open it again
        else activate(root, activeIndex(root) + 1);
        break;
      case 'ArrowUp':
        e.preventDefault();
        activate(root, activeIndex(root) < 0 ? -1 : activeIndex(root) - 1);
        break;
      case 'Enter': {
        if (!open) return; // closed: Enter submits the form as usual
        e.preventDefault();
        const active = options(root)[activeIndex(root)];
        if (active) pick(root, active);
        break;
      }
      case 'Escape':
        if (!open) return;
        e.preventDefault();
        close(root);
        break;
      default:
    }
  });

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const root = target?.closest(ROOT);
    if (!root) return;
    const option = target.closest('[role=option]');
    if (option) {
      pick(root, option);
      return;
    }
    if (target.closest('[data-picker-clear]')) clear(root);
  });

  // A press on an option must not take focus from the combobox: the list would close before the click lands.
  document.addEventListener('mousedown', (e) => {
    if (e.target instanceof Element && e.target.closest(`${ROOT} [role=option]`)) e.preventDefault();
  });

  // Leaving the picker closes its list.
  document.addEventListener('focusout', (e) => {
    const root = e.target instanceof Element ? e.target.closest(ROOT) : null;
    if (!root || (e.relatedTarget instanceof Node && root.contains(e.relatedTarget))) return;
    setTimeout(() => { if (!root.contains(document.activeElement)) close(root); }, 0);
  });
})();
