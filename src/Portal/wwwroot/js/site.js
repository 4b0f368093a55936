// Portal front-end glue. Loaded with `defer` after bootstrap.bundle and htmx.
// CSP forbids inline script and style attributes, so every behaviour the
// server-rendered markup needs is wired here through data-* attributes.
'use strict';

window.portal = window.portal || {};

(() => {
  const portal = window.portal;
  const HEX = /^#[0-9a-fA-F]{6}$/;
  const KINDS = new Set(['success', 'danger', 'warning', 'info']);
  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content ?? '';

  // Runs before htmx's DOMContentLoaded init: its injected <style> would be
  // blocked by CSP (portal.css has the rules), and eval-based features
  // (hx-on, js: values, event filters) would only produce CSP violations.
  if (window.htmx) {
    htmx.config.includeIndicatorStyles = false;
    htmx.config.allowEval = false;
  }

  // Optional tenant colour; CSSOM writes are allowed where style="" is not.
  const brand = meta('portal-brand');
  if (HEX.test(brand)) {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(brand.slice(i, i + 2), 16));
    const root = document.documentElement.style;
    root.setProperty('--portal-brand', brand);
    root.setProperty('--portal-brand-rgb', `${r}, ${g}, ${b}`);
    root.setProperty('--portal-on-brand', (r * 299 + g * 587 + b * 114) / 1000 > 160 ? '#212529' : '#fff');
  }

  // ---- CSRF ---------------------------------------------------------------
  portal.csrf = () => ({
    header: meta('csrf-header') || 'RequestVerificationToken',
    token: meta('csrf-token'),
  });

  document.addEventListener('htmx:configRequest', (e) => {
    if (e.detail.verb === 'get') return;
    const { header, token } = portal.csrf();
    if (token) e.detail.headers[header] = token;
  });

  // ---- Toasts -------------------------------------------------------------
  portal.toast = (message, kind = 'info') => {
    const container = document.getElementById('toasts');
    if (!container || !window.bootstrap) return null;
    if (!KINDS.has(kind)) kind = 'info';
    const dark = kind === 'success' || kind === 'danger';
    const make = (tag, className) => Object.assign(document.createElement(tag), { className });
    const toast = make('div', `toast align-items-center border-0 text-bg-${kind}`);
    toast.setAttribute('role', kind === 'danger' ? 'alert' : 'status');
    const body = make('div', 'toast-body');
    body.textContent = String(message ?? ''); // server data: never innerHTML
    const close = make('button', `btn-close me-2 m-auto${dark ? ' btn-close-white' : ''}`);
    close.type = 'button';
    close.setAttribute('data-bs-dismiss', 'toast');
    close.setAttribute('aria-label', 'Fechar');
    const row = make('div', 'd-flex');
    row.append(body, close);
    toast.append(row);
    container.append(toast);
    toast.addEventListener('hidden.bs.toast', () => toast.remove());
    // Errors stay longer: people need time to read what went wrong.
    bootstrap.Toast.getOrCreateInstance(toast, { delay: kind === 'danger' ? 10000 : 5000 }).show();
    return toast;
  };

  // Server: HX-Trigger: {"toast":{"message":"…","kind":"success"}}; a bare
  // string ({"toast":"…"}) arrives from htmx as detail.value.
  document.addEventListener('toast', (e) => {
    const message = e.detail?.message ?? e.detail?.value;
    if (typeof message === 'string' && message) portal.toast(message, e.detail.kind);
  });

  // Fallback message only when the server did not send its own toast.
  document.addEventListener('htmx:responseError', (e) => {
    if (!e.detail.xhr.getResponseHeader('HX-Trigger')) {
      portal.toast('Não foi possível concluir a operação. Tente novamente.', 'danger');
    }
  });
  document.addEventListener('htmx:sendError', () => portal.toast('Sem conexão com o servidor.', 'danger'));

  // ---- Confirmation modal -------------------------------------------------
  portal.confirm = (message) => {
    const el = document.getElementById('confirm-modal');
    if (!el || !window.bootstrap) return Promise.resolve(window.confirm(message));
    const ok = el.querySelector('#confirm-modal-ok');
    const returnFocus = document.activeElement;
    el.querySelector('#confirm-modal-message').textContent = message;
    return new Promise((resolve) => {
      const modal = bootstrap.Modal.getOrCreateInstance(el);
      let accepted = false;
      const onOk = () => { accepted = true; modal.hide(); };
      ok.addEventListener('click', onOk);
      el.addEventListener('shown.bs.modal', () => ok.focus(), { once: true });
      el.addEventListener('hidden.bs.modal', () => {
        ok.removeEventListener('click', onOk);
        // Bootstrap only restores focus for data-api triggers; keyboard users
        // must land back where they were.
        if (returnFocus instanceof HTMLElement) returnFocus.focus();
        resolve(accepted);
      }, { once: true });
      modal.show();
    });
  };

  let bypassConfirm = false;

  // Capture phase on window so this runs before htmx's own submit listener.
  window.addEventListener('submit', (e) => {
    if (bypassConfirm) return;
    const form = e.target;
    const submitter = e.submitter || null;
    const message = submitter?.dataset.confirm ?? form.dataset.confirm;
    if (!message) return;
    e.preventDefault();
    e.stopPropagation();
    portal.confirm(message).then((accepted) => {
      if (!accepted) return;
      // requestSubmit keeps the clicked button's name/value and re-fires
      // submit (so htmx still sees it); the flag stops us asking again.
      // htmx ignores event.submitter and tracks the button through focus.
      submitter?.focus({ preventScroll: true });
      bypassConfirm = true;
      try { form.requestSubmit(submitter); } finally { bypassConfirm = false; }
    });
  }, true);

  // Non-form htmx triggers, e.g. <button hx-delete="…" data-confirm="…">.
  document.addEventListener('htmx:confirm', (e) => {
    if (e.detail.triggeringEvent?.type === 'submit') return; // handled above
    const message = e.detail.elt.getAttribute('data-confirm');
    if (!message) return;
    e.preventDefault();
    portal.confirm(message).then((accepted) => accepted && e.detail.issueRequest(true));
  });

  // ---- Auto-submit --------------------------------------------------------
  document.addEventListener('change', (e) => {
    const el = e.target;
    if (el instanceof Element && el.closest('[data-autosubmit]') && el.form) el.form.requestSubmit();
  });

  // ---- Copy to clipboard --------------------------------------------------
  async function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    // Plain-HTTP intranet installs have no Clipboard API.
    const ta = document.createElement('textarea');
    ta.value = text;
    ta.setAttribute('readonly', '');
    Object.assign(ta.style, { position: 'fixed', opacity: '0' });
    document.body.append(ta);
    ta.select();
    const done = document.execCommand('copy');
    ta.remove();
    if (!done) throw new Error('copy failed');
  }

  document.addEventListener('click', async (e) => {
    const btn = e.target instanceof Element ? e.target.closest('[data-copy], [data-copy-target]') : null;
    if (!btn) return;
    e.preventDefault();
    const target = btn.dataset.copyTarget ? document.getElementById(btn.dataset.copyTarget) : null;
    const isField = target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement;
    const text = target ? (isField ? target.value : target.textContent.trim()) : btn.dataset.copy ?? '';
    try {
      await copyText(text);
      portal.toast('Copiado.', 'success');
    } catch {
      portal.toast('Não foi possível copiar.', 'danger');
    }
  });

  // ---- Per-fragment enhancements (initial page and htmx swaps) ------------
  const within = (root, selector) => [
    ...(root.matches?.(selector) ? [root] : []),
    ...(root.querySelectorAll?.(selector) ?? []),
  ];

  function enhance(root) {
    // Icon-font glyphs are private-use characters: left exposed they become part of
    // accessible names ("\uF1C3 Entrar"), so screen readers and getByRole see noise.
    for (const el of within(root, '.bi:not([aria-label]):not([aria-hidden])')) {
      el.setAttribute('aria-hidden', 'true');
    }
    for (const el of within(root, '.input-validation-error')) el.setAttribute('aria-invalid', 'true');
    for (const el of within(root, '[data-color]')) {
      const color = el.getAttribute('data-color');
      if (HEX.test(color)) el.style.backgroundColor = color;
    }
    if (window.bootstrap) {
      for (const el of within(root, '.toast[data-autoshow]')) {
        el.removeAttribute('data-autoshow'); // enhance() may see the same node twice
        el.addEventListener('hidden.bs.toast', () => el.remove());
        bootstrap.Toast.getOrCreateInstance(el).show();
      }
    }
  }

  document.addEventListener('htmx:load', (e) => enhance(e.detail.elt));
  if (document.readyState !== 'loading') enhance(document.body);
  else document.addEventListener('DOMContentLoaded', () => enhance(document.body));
})();
