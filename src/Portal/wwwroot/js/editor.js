// Rich-text editor (platform.md §4). Loaded (deferred, after quill.js and
// site.js) only on pages with <textarea data-richtext>; the tag helper adds
// data-palette and data-upload-url. The textarea stays the form field: it is
// hidden and kept in sync with the editor's HTML, so plain form posts and htmx
// both send it. The server sanitizes on every save; nothing here is trusted.
//
// CSP: colours, background, size and alignment are CLASS attributors (never
// style="…"), and content is loaded through Quill's clipboard (an inert
// DOMParser document), never through innerHTML.
'use strict';

(() => {
  if (!window.Quill) return;
  const portal = window.portal || {};
  const Parchment = Quill.import('parchment');
  const FALLBACK_PALETTE = 'black:#000000';
  const MAX_IMAGE = 'Arquivo excede o tamanho permitido (5 MB).';
  let registeredPalette = null;

  // ---- Palette --------------------------------------------------------------
  const parsePalette = (value) => (value || FALLBACK_PALETTE).split(',')
    .map((pair) => pair.split(':'))
    .filter(([key, hex]) => /^[a-z]+$/.test(key) && /^#[0-9a-f]{6}$/i.test(hex))
    .map(([key, hex]) => ({ key, rgb: [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) }));

  function registerFormats(palette) {
    if (registeredPalette) return;
    registeredPalette = palette;
    const keys = palette.map((c) => c.key);
    const scope = Parchment.Scope.INLINE;
    Quill.register(new Parchment.ClassAttributor('color', 'ql-color', { scope, whitelist: keys }), true);
    Quill.register(new Parchment.ClassAttributor('background', 'ql-bg', { scope, whitelist: keys }), true);
    // Size and alignment are class attributors in Quill's defaults already.
  }

  // Any CSS colour → [r, g, b] through the canvas (handles names, rgb(), hsl()).
  const canvas = document.createElement('canvas').getContext('2d');
  function toRgb(value) {
    if (!canvas || typeof value !== 'string') return null;
    canvas.fillStyle = '#010203';
    canvas.fillStyle = value;
    const out = canvas.fillStyle;
    if (out === '#010203' && value.trim().toLowerCase() !== '#010203') return null; // not a colour
    if (out.startsWith('#')) return [1, 3, 5].map((i) => parseInt(out.slice(i, i + 2), 16));
    const m = out.match(/rgba?\(([^)]+)\)/);
    if (!m) return null;
    const parts = m[1].split(',').map(Number);
    if (parts.length === 4 && parts[3] <= 0.05) return null; // transparent
    return parts.slice(0, 3);
  }

  // Same rules as RichTextPalette.Nearest on the server: greys by lightness,
  // the rest by hue family, very light tints to the "light" variant.
  function nearest(value) {
    const palette = registeredPalette || [];
    if (palette.some((c) => c.key === value)) return value;
    const rgb = toRgb(value);
    if (!rgb) return null;
    const [r, g, b] = rgb.map((c) => c / 255);
    const max = Math.max(r, g, b);
    const min = Math.min(r, g, b);
    const l = (max + min) / 2;
    const d = max - min;
    const s = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
    let key;
    if (l <= 0.12) key = 'black';
    else if (l >= 0.94) key = 'white';
    else if (s < 0.18) key = l < 0.3 ? 'black' : l > 0.85 ? 'white' : 'gray';
    else {
      let h = 0;
      if (max === r) h = 60 * ((((g - b) / d) + 6) % 6);
      else if (max === g) h = 60 * ((b - r) / d + 2);
      else h = 60 * ((r - g) / d + 4);
      const family = h < 15 || h >= 330 ? 'red' : h < 40 ? 'orange' : h < 70 ? 'yellow'
        : h < 170 ? 'green' : h < 255 ? 'blue' : 'purple';
      key = l < 0.8 ? family : family === 'orange' ? 'lightyellow' : `light${family}`;
    }
    return palette.some((c) => c.key === key) ? key : null;
  }

  // Pasted inline styles become classes. Under the strict CSP the browser
  // ignores style="" even in the clipboard's inert document, so Quill's own
  // style matchers see nothing: the declarations are read from the attribute
  // text instead (the same properties the server converts).
  const BLOCK_TAGS = new Set(['P', 'DIV', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'LI', 'BLOCKQUOTE', 'PRE']);
  const ALIGN = { center: 'center', '-webkit-center': 'center', right: 'right', end: 'right', justify: 'justify' };
  const SIZE_WORDS = {
    'xx-small': 'small', 'x-small': 'small', small: 'small', smaller: 'small',
    large: 'large', larger: 'large', 'x-large': 'large', 'xx-large': 'huge', 'xxx-large': 'huge',
  };

  function sizeOf(value) {
    const v = value.toLowerCase();
    if (SIZE_WORDS[v]) return SIZE_WORDS[v];
    const m = v.match(/^([0-9]*\.?[0-9]+)(px|pt|em|rem|%)$/);
    if (!m) return null;
    const n = parseFloat(m[1]);
    const px = { px: n, pt: (n * 4) / 3, em: n * 16, rem: n * 16, '%': (n * 16) / 100 }[m[2]];
    return px < 13.5 ? 'small' : px >= 30 ? 'huge' : px >= 19 ? 'large' : null;
  }

  function firstColor(value) {
    if (toRgb(value)) return value;
    return (value.match(/rgba?\([^)]*\)|hsla?\([^)]*\)|#[0-9a-f]{3,8}\b|[a-z]+/gi) || []).find((t) => toRgb(t)) || null;
  }

  function paletteKey(value, skip) {
    const key = value ? nearest(value) : null;
    return key && key !== skip ? key : null;
  }

  function declaredFormats(node) {
    const formats = {};
    const style = node.getAttribute ? node.getAttribute('style') : null;
    if (!style) return formats;
    for (const part of style.split(';')) {
      const i = part.indexOf(':');
      if (i <= 0) continue;
      const property = part.slice(0, i).trim().toLowerCase();
      const value = part.slice(i + 1).replace(/!\s*important\s*$/i, '').trim();
      if (property === 'color') formats.color = paletteKey(value, 'black');
      else if (property === 'background-color' || property === 'background') formats.background = paletteKey(firstColor(value), 'white');
      else if (property === 'font-size') formats.size = sizeOf(value);
      else if (property === 'text-align' && BLOCK_TAGS.has(node.tagName)) formats.align = ALIGN[value.toLowerCase()] || null;
    }
    return formats;
  }

  function matchPastedStyles(node, delta) {
    const declared = declaredFormats(node);
    for (const op of delta.ops) {
      if (op.insert === undefined) continue;
      const a = op.attributes || {};
      // Colours Quill did read (no CSP in the way) still have to be palette keys.
      for (const [name, skip] of [['color', 'black'], ['background', 'white']]) {
        if (a[name] == null) continue;
        const key = paletteKey(a[name], skip);
        if (key) a[name] = key;
        else delete a[name];
      }
      for (const [name, value] of Object.entries(declared)) {
        if (value && a[name] == null) a[name] = value; // inner formatting wins, as in Quill's applyFormat
      }
      if (Object.keys(a).length) op.attributes = a;
      else delete op.attributes;
    }
    return delta;
  }

  // ---- Plain-text length (same rules as RichTextPlainText.Normalize) -------
  const plainLength = (text) => text.replace(/\u00a0/g, ' ').split('\n')
    .map((line) => line.replace(/[ \t\f\v\u2000-\u200b\u3000]+/g, ' ').trim())
    .filter((line) => line.length > 0)
    .join('\n').length;

  // Quill 2.0.3 writes every space as &nbsp; in getSemanticHTML, which stops
  // lines from wrapping: keep one ordinary space per run.
  const semanticHtml = (quill) => quill.getSemanticHTML()
    .replace(/(?:&nbsp;)+/g, (run) => '&nbsp;'.repeat(run.length / 6 - 1) + ' ');

  const isBlank = (quill) => quill.getText().trim() === '' && !quill.root.querySelector('img');

  // ---- Image upload ---------------------------------------------------------
  function uploadMessage(status) {
    if (status === 413) return MAX_IMAGE;
    if (status === 429) return 'Muitos arquivos enviados. Tente novamente em instantes.';
    if (status === 403) return 'CSRF token inválido. Recarregue a página e tente novamente.';
    if (status === 0) return 'Sua sessão expirou. Entre novamente para enviar imagens.';
    return 'Não foi possível enviar a imagem.';
  }

  async function uploadImages(quill, url, range, files, wrapper) {
    const csrf = portal.csrf ? portal.csrf() : { header: 'RequestVerificationToken', token: '' };
    let index = range ? range.index : Math.max(0, quill.getLength() - 1);
    if (range && range.length) quill.deleteText(range.index, range.length, 'user');
    wrapper.classList.add('is-uploading');
    try {
      for (const file of files) {
        const body = new FormData();
        body.append('file', file, file.name || 'imagem.png');
        let response;
        try {
          response = await fetch(url, {
            method: 'POST', body, credentials: 'same-origin', redirect: 'manual',
            headers: { [csrf.header]: csrf.token, Accept: 'application/json' },
          });
        } catch {
          toast('Sem conexão com o servidor.');
          return;
        }
        const data = await response.json().catch(() => ({}));
        if (!response.ok || typeof data.url !== 'string' || !data.url.startsWith('/arquivos/')) {
          toast(data.error || uploadMessage(response.type === 'opaqueredirect' ? 0 : response.status));
          continue;
        }
        quill.insertEmbed(index, 'image', data.url, 'user');
        index += 1;
        quill.setSelection(index, 'silent');
      }
    } finally {
      wrapper.classList.remove('is-uploading');
    }
  }

  function toast(message) {
    if (portal.toast) portal.toast(message, 'danger');
    else window.alert(message);
  }

  // ---- Accessible names for the toolbar (Quill's are English or missing) ----
  const LABELS = [
    ['.ql-header .ql-picker-label', 'Título'], ['.ql-size .ql-picker-label', 'Tamanho da fonte'],
    ['button.ql-bold', 'Negrito'], ['button.ql-italic', 'Itálico'], ['button.ql-underline', 'Sublinhado'],
    ['.ql-color .ql-picker-label', 'Cor do texto'], ['.ql-background .ql-picker-label', 'Cor de fundo'],
    ['button.ql-list[value="ordered"]', 'Lista numerada'], ['button.ql-list[value="bullet"]', 'Lista com marcadores'],
    ['.ql-align .ql-picker-label', 'Alinhamento'], ['button.ql-blockquote', 'Citação'],
    ['button.ql-code-block', 'Bloco de código'], ['button.ql-link', 'Inserir link'],
    ['button.ql-image', 'Inserir imagem'], ['button.ql-clean', 'Limpar formatação'],
  ];

  function labelToolbar(toolbar) {
    for (const [selector, label] of LABELS) {
      toolbar.querySelectorAll(selector).forEach((el) => {
        el.setAttribute('title', label);
        el.setAttribute('aria-label', label);
      });
    }
  }

  // ---- Editor ---------------------------------------------------------------
  function init(textarea) {
    if (textarea.dataset.richtextReady) return;
    textarea.dataset.richtextReady = '1';
    registerFormats(parsePalette(textarea.dataset.palette));
    const keys = registeredPalette.map((c) => c.key);
    const max = parseInt(textarea.dataset.max || '0', 10);
    const uploadUrl = textarea.dataset.uploadUrl || '/arquivos/imagem-editor';

    const wrapper = document.createElement('div');
    wrapper.className = 'richtext-editor';
    const surface = document.createElement('div');
    const counter = document.createElement('div');
    counter.className = 'form-text richtext-count';
    counter.setAttribute('aria-live', 'polite');
    wrapper.append(surface, counter);
    textarea.after(wrapper);
    textarea.classList.add('d-none');
    if (textarea.classList.contains('is-invalid')) wrapper.classList.add('is-invalid');
    const required = textarea.required;
    textarea.required = false; // a hidden control cannot show the browser's message; the server checks

    const quill = new Quill(surface, {
      theme: 'snow',
      placeholder: textarea.getAttribute('placeholder') || '',
      readOnly: textarea.disabled || textarea.readOnly,
      modules: {
        toolbar: [
          [{ header: [1, 2, 3, 4, false] }, { size: ['small', false, 'large', 'huge'] }],
          ['bold', 'italic', 'underline'],
          [{ color: [false, ...keys] }, { background: [false, ...keys] }],
          [{ list: 'ordered' }, { list: 'bullet' }, { align: [] }],
          ['blockquote', 'code-block', 'link', 'image'],
          ['clean'],
        ],
        uploader: {
          mimetypes: ['image/png', 'image/jpeg', 'image/gif', 'image/webp'],
          handler(range, files) { uploadImages(this.quill, uploadUrl, range, files, wrapper); },
        },
      },
    });
    quill.clipboard.addMatcher(Node.ELEMENT_NODE, matchPastedStyles);
    if (textarea.value.trim()) quill.setContents(quill.clipboard.convert({ html: textarea.value }), 'silent');

    const root = quill.root;
    root.setAttribute('role', 'textbox');
    root.setAttribute('aria-multiline', 'true');
    if (required) root.setAttribute('aria-required', 'true');
    if (textarea.classList.contains('is-invalid')) root.setAttribute('aria-invalid', 'true');
    if (textarea.getAttribute('aria-describedby')) root.setAttribute('aria-describedby', textarea.getAttribute('aria-describedby'));
    const label = textarea.id ? document.querySelector(`label[for="${CSS.escape(textarea.id)}"]`) : null;
    if (label) {
      if (!label.id) label.id = `${textarea.id}-label`;
      root.setAttribute('aria-labelledby', label.id);
      label.addEventListener('click', (e) => { e.preventDefault(); quill.focus(); });
    }
    const toolbar = quill.getModule('toolbar')?.container;
    if (toolbar) labelToolbar(toolbar);
    const tooltipInput = wrapper.querySelector('.ql-tooltip input[type=text]');
    if (tooltipInput) tooltipInput.dataset.link = 'https://exemplo.com.br';

    const updateCount = () => {
      const length = plainLength(quill.getText());
      const limit = max > 0 ? ` / ${max.toLocaleString('pt-BR')}` : '';
      counter.textContent = `${length.toLocaleString('pt-BR')}${limit} caracteres`;
      const over = max > 0 && length > max;
      counter.classList.toggle('text-danger', over);
      if (over) counter.textContent += ` — Máximo de ${max} caracteres.`;
    };
    quill.on('text-change', () => {
      textarea.value = isBlank(quill) ? '' : semanticHtml(quill);
      textarea.dispatchEvent(new Event('input', { bubbles: true }));
      updateCount();
    });
    updateCount();
  }

  function initAll(scope) {
    (scope || document).querySelectorAll?.('textarea[data-richtext]').forEach(init);
    if (scope instanceof HTMLTextAreaElement && scope.matches('[data-richtext]')) init(scope);
  }

  initAll(document);
  // Editors that arrive later in htmx fragments (the page includes <richtext-assets />).
  document.addEventListener('htmx:load', (e) => initAll(e.detail?.elt));
})();
