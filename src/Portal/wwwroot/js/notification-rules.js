// Rule form (/admin/notificacoes/regras/editar): offers only the triggers of the chosen module and kind, the condition
// keys and dynamic recipients of the chosen trigger, and the schedule fields for digests. The server validates anyway.
(() => {
  const form = document.querySelector('[data-rule-form]');
  if (!form) return;
  const moduleSelect = form.querySelector('[data-rule-module]');
  const trigger = form.querySelector('[data-rule-trigger]');
  const keys = document.getElementById('rule-condition-keys');

  const kind = () => form.querySelector('[data-rule-kind]:checked')?.value ?? 'Event';

  function refresh() {
    const k = kind();
    const module = moduleSelect?.value;
    for (const option of trigger.querySelectorAll('option[data-kind]')) {
      const fits = option.dataset.kind === k && (!module || option.dataset.module === module);
      option.hidden = !fits;
      option.disabled = !fits && !trigger.disabled;
    }
    if (trigger.selectedOptions[0]?.hidden) trigger.value = '';
    for (const el of form.querySelectorAll('[data-digest-only]')) el.hidden = k !== 'Digest';
    for (const el of form.querySelectorAll('[data-event-only]')) el.hidden = k !== 'Event';

    const chosen = trigger.selectedOptions[0];
    const keyList = (chosen?.dataset.keys ?? '').split(',').filter(Boolean);
    keys.replaceChildren(...keyList.map((key) => Object.assign(document.createElement('option'), { value: key })));
    const people = (chosen?.dataset.people ?? '').split(',').filter(Boolean);
    for (const el of form.querySelectorAll('[data-dynamic]')) {
      const box = el.querySelector('input');
      el.hidden = !people.includes(el.dataset.dynamic) && !box.checked;
    }
  }

  moduleSelect?.addEventListener('change', refresh);
  trigger.addEventListener('change', refresh);
  for (const radio of form.querySelectorAll('[data-rule-kind]')) radio.addEventListener('change', refresh);
  refresh();
})();
