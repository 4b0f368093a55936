// Client registry pages (clients.md): dynamic partner/contact rows, "Consultar" (CNPJ lookup prefill),
// MEI/Filial field toggles and the credential "Mostrar" button. Loaded only by the client pages.
'use strict';

(() => {
  const portal = window.portal || {};
  let counter = 0;
  const uniqueKey = () => `n${Date.now().toString(36)}${(counter++).toString(36)}`;

  const fromTemplate = (id, replacements) => {
    const tpl = document.getElementById(id);
    if (!tpl) return null;
    let html = tpl.innerHTML;
    for (const [from, to] of Object.entries(replacements)) html = html.split(from).join(to);
    const wrapper = document.createElement('div');
    wrapper.innerHTML = html.trim();
    return wrapper.firstElementChild;
  };

  const syncEmpty = (container) => {
    const note = container?.parentElement?.querySelector('[data-empty-note]');
    if (note) note.classList.toggle('d-none', container.querySelector('[data-row]') !== null);
  };

  const addRow = (templateId, containerId) => {
    const container = document.getElementById(containerId);
    const row = fromTemplate(templateId, { __k__: uniqueKey() });
    if (!container || !row) return null;
    container.append(row);
    syncEmpty(container);
    row.querySelector('input:not([type=hidden]), select')?.focus();
    return row;
  };

  document.addEventListener('click', (e) => {
    const target = e.target instanceof Element ? e.target : null;
    if (!target) return;
    const add = target.closest('[data-add-row]');
    if (add) {
      addRow(add.dataset.addRow, add.dataset.into);
      return;
    }
    const remove = target.closest('[data-remove-row]');
    if (remove) {
      const row = remove.closest('[data-row]');
      const container = row?.parentElement;
      row?.remove();
      syncEmpty(container);
      return;
    }
    const addChannel = target.closest('[data-add-channel]');
    if (addChannel) {
      const contact = addChannel.closest('[data-contact-key]');
      const row = fromTemplate('tpl-channel', { __k__: contact.dataset.contactKey, __c__: uniqueKey() });
      if (row) contact.querySelector('[data-channels]').append(row);
      return;
    }
    const removeChannel = target.closest('[data-remove-channel]');
    if (removeChannel) removeChannel.closest('[data-channel-row]')?.remove();
  });

  // ---- MEI / CPF / Filial -------------------------------------------------
  const form = document.querySelector('[data-client-form]');
  const docDigits = () => (form?.querySelector('#Input_Document')?.value ?? '').replace(/[^0-9A-Za-z]/g, '');

  function syncVisibility() {
    if (!form) return;
    const regime = form.querySelector('[data-regime]')?.value;
    const mei = regime === 'MEI';
    const cpf = docDigits().length === 11;
    const establishment = form.querySelector('[data-establishment]');
    if (mei && establishment) establishment.value = 'Matriz';
    for (const el of form.querySelectorAll('[data-hide-mei]')) el.classList.toggle('d-none', mei || (cpf && el.hasAttribute('data-cnpj-only')));
    for (const el of form.querySelectorAll('[data-cnpj-only]:not([data-hide-mei])')) el.classList.toggle('d-none', cpf);
    // MEI clients use no systems (clients.md §5): cleared, not only hidden.
    if (mei) for (const box of form.querySelectorAll('#sistemas input[type=checkbox]')) box.checked = false;
    const filial = !mei && !cpf && establishment?.value === 'Filial';
    for (const el of form.querySelectorAll('[data-filial-only]')) el.classList.toggle('d-none', !filial);
  }

  if (form) {
    form.addEventListener('change', (e) => {
      if (e.target.matches('[data-regime], [data-establishment], #Input_Document')) syncVisibility();
    });
    form.querySelector('#Input_Document')?.addEventListener('input', syncVisibility);
    syncVisibility();
  }

  // ---- Consultar ------------------------------------------------------------
  const status = (text, kind) => {
    const el = document.getElementById('lookup-status');
    if (!el) return;
    el.textContent = text;
    el.className = `small mt-1 text-${kind}`;
  };

  function fill(data) {
    for (const el of form.querySelectorAll('[data-prefill]')) {
      const value = data[el.dataset.prefill];
      if (value === undefined || value === null || value === '') continue;
      el.value = value;
    }
    if (Array.isArray(data.partners) && data.partners.length) {
      const container = document.getElementById('partners');
      const existing = new Set([...container.querySelectorAll('[data-partner-field=name]')].map((i) => i.value.trim().toUpperCase()));
      for (const p of data.partners) {
        if (!p.name || existing.has(p.name.trim().toUpperCase())) continue;
        const row = addRow('tpl-partner', 'partners');
        if (!row) break;
        row.querySelector('[data-partner-field=name]').value = p.name;
        row.querySelector('[data-partner-field=qualification]').value = p.qualification ?? '';
        row.querySelector('[data-partner-field=isAdministrator]').checked = !!p.isAdministrator;
      }
    }
    syncVisibility();
  }

  document.addEventListener('click', async (e) => {
    const button = e.target instanceof Element ? e.target.closest('[data-lookup]') : null;
    if (!button || !form) return;
    const doc = docDigits();
    if (!doc) {
      status('Informe o CNPJ ou CPF antes de consultar.', 'danger');
      return;
    }
    button.disabled = true;
    status('Consultando…', 'body-secondary');
    try {
      const response = await fetch(button.dataset.lookup + encodeURIComponent(doc), { headers: { Accept: 'application/json' } });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        status(body.message || 'Consulta indisponível no momento. Preencha os dados manualmente.', 'danger');
        return;
      }
      fill(body);
      const situation = body.registrationStatus && body.registrationStatus.toUpperCase() !== 'ATIVA'
        ? ` Situação cadastral na Receita: ${body.registrationStatus}.` : '';
      status(`Dados preenchidos (${(body.sources || []).join(', ')}). Confira e clique em Salvar.${situation}`, situation ? 'warning' : 'success');
    } catch {
      status('Consulta indisponível no momento. Preencha os dados manualmente.', 'danger');
    } finally {
      button.disabled = false;
    }
  });

  // ---- Mostrar senha --------------------------------------------------------
  document.addEventListener('click', async (e) => {
    const button = e.target instanceof Element ? e.target.closest('[data-reveal]') : null;
    if (!button) return;
    const holder = document.getElementById(button.dataset.revealTarget);
    const copy = document.getElementById(button.dataset.copyButton);
    const { header, token } = portal.csrf ? portal.csrf() : { header: 'RequestVerificationToken', token: '' };
    button.disabled = true;
    try {
      const response = await fetch(button.dataset.reveal, { method: 'POST', headers: { [header]: token, Accept: 'application/json' } });
      const body = await response.json().catch(() => ({}));
      if (!response.ok) {
        portal.toast?.(body.message || 'Não foi possível mostrar a senha.', 'danger');
        button.disabled = false;
        return;
      }
      holder.textContent = body.password ?? '';
      copy?.classList.remove('d-none');
      // Shown for 30 s only (clients.md §7), then masked again.
      setTimeout(() => {
        holder.textContent = '••••••';
        copy?.classList.add('d-none');
        button.disabled = false;
      }, 30000);
    } catch {
      portal.toast?.('Não foi possível mostrar a senha.', 'danger');
      button.disabled = false;
    }
  });
})();
