// /api/docs only, loaded before Scalar's bundle. The portal's CSP has no 'unsafe-inline' and no 'unsafe-eval'; Scalar
// writes styles in four ways that CSP blocks, and each is rerouted here to an equivalent that the CSP allows. Markup
// injection stays blocked: all of this runs only when script, which must come from this server, asks for it.
(() => {
  'use strict';
  const nonce = document.querySelector('meta[property="csp-nonce"]')?.content ?? '';
  const marker = 'data-csp-style';

  // 1. zod probes for eval with Function('') (caught, but still a CSP violation): tell it not to compile validators.
  globalThis.__zod_globalConfig = Object.assign(globalThis.__zod_globalConfig ?? {}, { jitless: true });

  // 2. <style> elements made by script (the toast styles) carry the page's nonce, as Scalar's own stylesheet does.
  const createElement = Document.prototype.createElement;
  Document.prototype.createElement = function (name, options) {
    const element = createElement.call(this, name, options);
    if (nonce && element instanceof HTMLStyleElement) element.nonce = nonce;
    return element;
  };

  // 3. setAttribute('style', …) is an inline style attribute; the same declarations through CSSOM are not.
  const setAttribute = Element.prototype.setAttribute;
  Element.prototype.setAttribute = function (name, value) {
    if (typeof name === 'string' && name.toLowerCase() === 'style' && this.style) {
      this.style.cssText = String(value);
      return;
    }
    setAttribute.call(this, name, value);
  };

  // 4. Markup set through innerHTML (Vue's static templates, highlighted code): style attributes are parked under
  //    a data attribute while parsing, then applied through CSSOM; <style> tags get the nonce.
  const innerHTML = Object.getOwnPropertyDescriptor(Element.prototype, 'innerHTML');
  Object.defineProperty(Element.prototype, 'innerHTML', {
    configurable: true,
    enumerable: innerHTML.enumerable,
    get() {
      return innerHTML.get.call(this);
    },
    set(html) {
      const text = String(html);
      if (!/\sstyle=|<style[\s>]/i.test(text)) {
        innerHTML.set.call(this, html);
        return;
      }
      innerHTML.set.call(this, text
        .replace(/(<[a-zA-Z][^<>]*?\s)style=("[^"]*"|'[^']*')/g, `$1${marker}=$2`)
        .replace(/<style(?=[\s>])/gi, `<style nonce="${nonce}"`));
      const root = this instanceof HTMLTemplateElement ? this.content : this;
      for (const element of root.querySelectorAll(`[${marker}]`)) {
        element.style.cssText = element.getAttribute(marker);
        element.removeAttribute(marker);
      }
    },
  });
})();
