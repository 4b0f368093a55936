// /admin/backups: "Fazer backup agora" posts in the background and shows the run's progress until it ends,
// then reloads the page so the new entry appears in the history.
(() => {
  const panel = document.getElementById('backup-progress');
  const form = document.querySelector('form[data-backup-run]');
  if (!panel || !form) return;
  const bar = panel.querySelector('[data-progress-bar]');
  const step = panel.querySelector('[data-progress-step]');
  const percent = panel.querySelector('[data-progress-percent]');
  const button = form.querySelector('button');

  function show(state) {
    panel.classList.remove('d-none');
    bar.style.width = `${state.percent}%`;
    panel.querySelector('.progress').setAttribute('aria-valuenow', String(state.percent));
    step.textContent = state.step;
    percent.textContent = `${state.percent}%`;
  }

  async function poll(sawRunning) {
    const response = await fetch(panel.dataset.progressUrl, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    if (!response.ok) return;
    const state = await response.json();
    if (state.running) {
      show(state);
      setTimeout(() => poll(true), 500);
    } else if (sawRunning || state.outcome) {
      show(state);
      setTimeout(() => window.location.reload(), 600);
    } else {
      setTimeout(() => poll(false), 300);
    }
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    button.disabled = true;
    show({ percent: 0, step: 'Iniciando' });
    const response = await fetch(form.action || window.location.pathname + '?handler=Run', {
      method: 'POST', body: new FormData(form), headers: { Accept: 'application/json' },
    });
    if (!response.ok) {
      const answer = response.headers.get('content-type')?.includes('json') ? await response.json() : null;
      step.textContent = answer?.message ?? 'Não foi possível iniciar o backup.';
      button.disabled = false;
      return;
    }
    poll(false);
  });

  if (panel.dataset.running === 'true') { button.disabled = true; poll(true); }
})();
