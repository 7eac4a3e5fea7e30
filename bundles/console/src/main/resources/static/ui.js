'use strict';
/* Small DOM helpers shared by the sections. No framework: the console must work offline from the bundle alone. */
const Ui = (() => {
  const SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('data-')) e.setAttribute(k, v);
      else if (k in e) e[k] = v;
      else e.setAttribute(k, v);
    }
    for (const c of children) {
      if (c !== null && c !== undefined) e.append(c);
    }
    return e;
  }

  function $(id) { return document.getElementById(id); }

  /* Shows an API error next to its form: the message, each problem's field and message, and marks the inputs
     whose data-field the problem names (the site file's "site.yaml:3: site" names the field at its end). */
  function showError(box, error, form) {
    clearError(box, form);
    const body = error && error.body ? error.body : {};
    const problems = Array.isArray(body.problems) ? body.problems : [];
    // with problems the list says it all; the summary line would only repeat the first one
    box.append(el('span', { text: problems.length ? 'Not accepted:'
      : body.error || (error && error.message) || String(error) }));
    if (problems.length) {
      const list = el('ul');
      for (const p of problems) {
        list.append(el('li', { text: p.field + ': ' + p.message }));
        if (form) markField(form, p);
      }
      box.append(list);
    }
  }

  function markField(form, problem) {
    const field = String(problem.field || '');
    for (const input of form.querySelectorAll('[data-field]')) {
      const name = input.getAttribute('data-field');
      if (field === name || field.endsWith('.' + name) || field.endsWith(' ' + name) || field.endsWith('/' + name)) {
        input.classList.add('invalid');
        input.setAttribute('aria-invalid', 'true');
        input.title = problem.message;
      }
    }
  }

  function clearError(box, form) {
    box.textContent = '';
    if (form) {
      for (const input of form.querySelectorAll('.invalid')) {
        input.classList.remove('invalid');
        input.removeAttribute('aria-invalid');
        input.title = '';
      }
    }
  }

  function showNotes(box, result) {
    box.textContent = result && result.notes && result.notes.length ? result.notes.join('\n') : 'Saved.';
  }

  function formatValue(v) {
    if (v === null || v === undefined) return '—';
    if (typeof v === 'number') return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) >= 100 ? 1 : 2);
    if (typeof v === 'boolean') return v ? 'on' : 'off';
    return String(v);
  }

  function duration(ms) {
    if (ms === null || ms === undefined || ms < 0) return '';
    const s = Math.round(ms / 1000);
    if (s < 60) return s + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + (s % 60) + ' s';
    return Math.floor(m / 60) + ' h ' + (m % 60) + ' min';
  }

  function time(ms) {
    return ms ? new Date(ms).toLocaleString() : 'never';
  }

  /* A small line chart of [[time, value], ...]. */
  function sparkline(recent) {
    const svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('class', 'sparkline');
    svg.setAttribute('viewBox', '0 0 64 18');
    svg.setAttribute('aria-hidden', 'true');
    updateSparkline(svg, recent);
    return svg;
  }

  function updateSparkline(svg, recent) {
    const w = 64, h = 18, pad = 1.5;
    svg.textContent = '';
    if (!recent || recent.length < 2) return;
    const t0 = recent[0][0], t1 = recent[recent.length - 1][0];
    let lo = Infinity, hi = -Infinity;
    for (const [, v] of recent) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    const span = hi - lo || 1, tspan = t1 - t0 || 1;
    const x = t => (pad + (t - t0) / tspan * (w - 2 * pad)).toFixed(1);
    const y = v => (h - pad - (v - lo) / span * (h - 2 * pad)).toFixed(1);
    const points = recent.map(([t, v]) => x(t) + ',' + y(v));
    const line = document.createElementNS(SVG, 'polyline');
    line.setAttribute('points', points.join(' '));
    svg.append(line);
  }

  return { el, $, showError, clearError, showNotes, formatValue, duration, time, sparkline, updateSparkline };
})();
