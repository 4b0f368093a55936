// Polls the running import's progress and reloads the page when it ends (shows the report).
(function () {
    const box = document.getElementById('import-progress');
    if (!box) return;
    const url = box.dataset.progressUrl;
    const entity = box.querySelector('[data-progress-entity]');
    const done = box.querySelector('[data-progress-done]');
    const total = box.querySelector('[data-progress-total]');
    const bar = box.querySelector('[data-progress-bar]');
    async function tick() {
        try {
            const response = await fetch(url, { headers: { 'Accept': 'application/json' }, credentials: 'same-origin' });
            if (response.ok) {
                const p = await response.json();
                if (!p.running) { window.location.reload(); return; }
                entity.textContent = p.entity;
                done.textContent = p.done;
                total.textContent = p.total;
                bar.max = Math.max(1, p.total);
                bar.value = p.done;
            }
        } catch (e) { /* network hiccup: try again */ }
        setTimeout(tick, 1000);
    }
    setTimeout(tick, 1000);
})();
