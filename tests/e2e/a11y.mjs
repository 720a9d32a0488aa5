// Accessibility checks of WEB.md §2 and §8 that every suite can run on the page it shows (no npm package: the
// rules are few and stated by the spec, so they are computed here in the page):
//   - <html lang> is the UI language; the title is "{page} - The5HC"; one <h1>; one <main>; the navbar's <nav> and the
//     toast area are labelled / live regions;
//   - every visible form control has an accessible name from a bound <label> (for=id or wrapping), aria-label or
//     aria-labelledby — a placeholder is not a label; ids are unique (a label binds to one control) and every ARIA
//     reference (describedby, labelledby, controls) names an element;
//   - buttons and links have a name (text, aria-label, or an image's alt);
//   - visible text has a contrast of at least 4.5:1 against its background (3:1 for large text, WCAG 1.4.3),
//     gradients checked at every colour stop;
//   - badges carry text (colour is never the only signal).
import assert from 'node:assert/strict';

// Runs the checks; returns nothing, throws an assertion naming every problem found.
export async function auditPage(page, { lang } = {}) {
  const problems = await page.evaluate(() => {
    const out = [];
    const visible = (el) => {
      if (!(el instanceof Element)) return false;
      const s = getComputedStyle(el);
      if (s.visibility === 'hidden' || s.display === 'none') return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && el.getClientRects().length > 0;
    };
    const describe = (el) => `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : ''}${el.name ? '[name=' + el.name + ']' : ''}`;
    const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
    const labelledBy = (el) => (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean)
      .map((id) => text(document.getElementById(id))).join(' ').trim();

    // frame
    const html = document.documentElement;
    if (!/^(ko|en)$/.test(html.lang)) out.push(`html lang="${html.lang}"`);
    if (!/ - The5HC$|^The5HC - /.test(document.title)) out.push(`title "${document.title}"`);
    const h1s = [...document.querySelectorAll('h1')].filter(visible);
    if (h1s.length !== 1) out.push(`${h1s.length} visible h1 (${h1s.map(text).join(' | ')})`);
    if (document.querySelectorAll('main').length !== 1) out.push('not exactly one <main>');
    for (const nav of document.querySelectorAll('nav'))
      if (!nav.getAttribute('aria-label') && !labelledBy(nav)) out.push(`${describe(nav)} without aria-label`);
    const toasts = document.getElementById('toasts');
    if (!toasts || !toasts.getAttribute('aria-live')) out.push('#toasts is not a live region');

    // unique ids
    const seen = new Map();
    for (const el of document.querySelectorAll('[id]')) seen.set(el.id, (seen.get(el.id) || 0) + 1);
    for (const [id, n] of seen) if (n > 1) out.push(`id "${id}" used ${n} times`);

    // ARIA references point at elements that exist
    for (const el of document.querySelectorAll('[aria-describedby], [aria-labelledby], [aria-controls]'))
      for (const attr of ['aria-describedby', 'aria-labelledby', 'aria-controls'])
        for (const id of (el.getAttribute(attr) || '').split(/\s+/).filter(Boolean))
          if (!document.getElementById(id)) out.push(`${describe(el)} ${attr}="${id}" names no element`);

    // form controls
    const controls = [...document.querySelectorAll('input, select, textarea')]
      .filter((el) => el.type !== 'hidden' && visible(el));
    for (const el of controls) {
      let name = el.getAttribute('aria-label') || labelledBy(el);
      if (!name && el.id) name = [...document.querySelectorAll(`label[for="${CSS.escape(el.id)}"]`)].map(text).join(' ');
      if (!name && el.closest('label')) name = text(el.closest('label'));
      if (!name && (el.type === 'submit' || el.type === 'button')) name = el.value;
      if (!name) out.push(`${describe(el)} has no label`);
    }
    // buttons and links
    for (const el of [...document.querySelectorAll('button, a[href], summary')].filter(visible)) {
      const name = el.getAttribute('aria-label') || labelledBy(el) || text(el) ||
        [...el.querySelectorAll('img[alt]')].map((i) => i.alt).join(' ') || el.getAttribute('title');
      if (!name) out.push(`${describe(el)} has no accessible name`);
    }
    for (const img of document.querySelectorAll('img')) if (!img.hasAttribute('alt')) out.push(`${describe(img)} without alt`);
    for (const svg of document.querySelectorAll('svg'))
      if (svg.getAttribute('aria-hidden') !== 'true' && !svg.getAttribute('aria-label') && !svg.querySelector('title'))
        out.push(`${describe(svg)} neither hidden nor named`);
    // colour is never the only signal: badges carry words
    for (const b of [...document.querySelectorAll('[class*="badge"]')].filter(visible))
      if (b.id !== 'notification-badge' && !text(b)) out.push(`${describe(b)} is an empty badge`);

    // contrast (WCAG 2.x relative luminance)
    const parse = (c) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m) return null;
      const p = m[1].split(/[ ,/]+/).filter(Boolean).map(Number);
      return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
    };
    const over = (top, bottom) => ({
      r: top.r * top.a + bottom.r * (1 - top.a), g: top.g * top.a + bottom.g * (1 - top.a),
      b: top.b * top.a + bottom.b * (1 - top.a), a: 1,
    });
    const lum = (c) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
    };
    const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05); };
    // the backgrounds behind an element: one colour, or every stop of the first gradient found
    const backgrounds = (el) => {
      const layers = [];
      for (let e = el; e; e = e.parentElement) {
        const s = getComputedStyle(e);
        if (s.backgroundImage && s.backgroundImage.includes('gradient')) {
          const stops = (s.backgroundImage.match(/rgba?\([^)]+\)/g) || []).map(parse);
          return stops.map((stop) => layers.reduceRight((acc, l) => over(l, acc), stop));
        }
        const c = parse(s.backgroundColor);
        if (c && c.a > 0) {
          layers.push(c);
          if (c.a >= 1) break;
        }
      }
      let base = { r: 255, g: 255, b: 255, a: 1 };
      for (let i = layers.length - 1; i >= 0; i--) base = over(layers[i], base);
      return [base];
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const checked = new Set();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!n.textContent.trim() || !el || checked.has(el)) continue;
      checked.add(el);
      if (!visible(el) || el.closest('canvas, .sr-only, [disabled], option, script, style')) continue;
      const s = getComputedStyle(el);
      if (parseFloat(s.opacity) === 0) continue;
      const fg = parse(s.color);
      if (!fg) continue;
      const size = parseFloat(s.fontSize), bold = parseInt(s.fontWeight, 10) >= 700;
      const need = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
      for (const bg of backgrounds(el)) {
        const r = ratio(over(fg, bg), bg);
        if (r < need - 0.005) {
          out.push(`contrast ${r.toFixed(2)} < ${need} for "${text(el).slice(0, 40)}" (${describe(el)}: ${s.color} on rgb(${Math.round(bg.r)}, ${Math.round(bg.g)}, ${Math.round(bg.b)}))`);
          break;
        }
      }
    }
    return out;
  });
  assert.deepEqual(problems, [], `accessibility problems on ${page.url()}`);
  if (lang) assert.equal(await page.getAttribute('html', 'lang'), lang);
}

// Tabs through the first `count` focus stops: each focused element shows a visible focus indicator (WEB.md §8
// "focus-visible outlines": an outline of at least 2 px or a box shadow).
export async function focusIsVisible(page, count = 12) {
  await page.evaluate(() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); });
  await page.focus('body').catch(() => {});
  const missing = [];
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const r = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      return { ok: outline || (s.boxShadow && s.boxShadow !== 'none'), what: `${el.tagName.toLowerCase()} "${(el.textContent || el.name || '').trim().slice(0, 30)}"` };
    });
    if (r && !r.ok) missing.push(r.what);
  }
  assert.deepEqual(missing, [], `focus not visible on ${page.url()}`);
}
