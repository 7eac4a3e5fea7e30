'use strict';
/* Devices: one row per device, refreshed every 2 s in place (inputs keep what the technician typed), each reading
   with its unit and a sparkline of its recent values; Read all, Dim and Blink test the device through the API. */
const DevicesView = (() => {
  let timer = null;

  async function refresh() {
    try {
      render(await Api.get('/devices'));
      Ui.clearError(Ui.$('devices-error'));
    } catch (e) {
      if (e.status !== 401) Ui.showError(Ui.$('devices-error'), e);
    }
  }

  function render(devices) {
    const body = Ui.$('devices').tBodies[0];
    const seen = new Set();
    for (const d of devices) {
      seen.add(d.id);
      let tr = body.querySelector('tr[data-device="' + CSS.escape(d.id) + '"]');
      if (!tr) {
        tr = row(d);
        body.append(tr);
      }
      update(tr, d);
    }
    for (const tr of [...body.rows]) {
      if (!seen.has(tr.getAttribute('data-device'))) tr.remove();
    }
  }

  function row(d) {
    const dim = Ui.el('input', { class: 'dim-level', type: 'number', min: '0', max: '100', step: '1', value: '50',
      'aria-label': 'dim level in percent' });
    const result = Ui.el('span', { class: 'result', role: 'status' });
    const read = Ui.el('button', { type: 'button', class: 'read', text: 'Read all' });
    const apply = Ui.el('button', { type: 'button', class: 'dim-apply', text: 'Dim' });
    const blink = Ui.el('button', { type: 'button', class: 'blink', text: 'Blink' });
    read.addEventListener('click', () => test(read, result, () => readAll(d.id, result)));
    apply.addEventListener('click', () => test(apply, result, () => dimTo(d.id, dim.value, result)));
    blink.addEventListener('click', () => test(blink, result, () => blinkLamp(d.id, result)));
    return Ui.el('tr', { 'data-device': d.id },
      Ui.el('td', {}, Ui.el('strong', { class: 'device-id', text: d.id }), Ui.el('span', { class: 'sub device-name' }),
        Ui.el('span', { class: 'sub device-where' })),
      Ui.el('td', { class: 'state' }),
      Ui.el('td', {}, Ui.el('div', { class: 'readings' })),
      Ui.el('td', {}, Ui.el('div', { class: 'test' }, read, dim, apply, blink, result)));
  }

  function update(tr, d) {
    tr.querySelector('.device-name').textContent = d.name && d.name !== d.id ? d.name : '';
    tr.querySelector('.device-where').textContent = [d.profile, d.bus + (d.unitId ? ' #' + d.unitId : ''), d.group]
      .filter(Boolean).join(' · ');
    const state = tr.querySelector('td.state');
    state.textContent = d.state;
    state.className = 'state state-' + d.state;
    const box = tr.querySelector('.readings');
    for (const [point, r] of Object.entries(d.readings || {})) {
      let span = box.querySelector('span.reading[data-point="' + CSS.escape(point) + '"]');
      if (!span) {
        span = Ui.el('span', { class: 'reading', 'data-point': point },
          Ui.el('span', { class: 'name', text: point }), Ui.el('span', { class: 'value' }),
          Ui.el('span', { class: 'unit' }), Ui.sparkline([]));
        box.append(span);
      }
      const value = span.querySelector('.value');
      value.textContent = Ui.formatValue(r.value);
      value.className = 'value quality-' + r.quality;
      value.title = r.quality + (r.reason ? ': ' + r.reason : '') + ' at ' + Ui.time(r.time);
      span.querySelector('.unit').textContent = r.unit || '';
      Ui.updateSparkline(span.querySelector('svg.sparkline'), r.recent);
    }
  }

  /* Runs one test at a time per button and shows its result in the row. */
  async function test(button, result, run) {
    button.disabled = true;
    result.className = 'result';
    result.textContent = '…';
    try {
      await run();
    } catch (e) {
      result.className = 'result failed';
      result.textContent = e.message + (e.body && e.body.problems
        ? ' (' + e.body.problems.map(p => p.field + ': ' + p.message).join('; ') + ')' : '');
    } finally {
      button.disabled = false;
    }
  }

  async function readAll(id, result) {
    const r = await Api.post('/devices/' + encodeURIComponent(id) + '/read');
    const bad = r.samples.filter(s => s.quality !== 'GOOD');
    result.className = 'result ' + (bad.length ? 'failed' : 'ok');
    result.textContent = 'read ' + r.samples.length + ' points' + (bad.length
      ? ', ' + bad.length + ' not good: ' + bad.map(s => s.point + (s.reason ? ' (' + s.reason + ')' : '')).join(', ')
      : ': ' + r.samples.map(s => s.point + '=' + Ui.formatValue(s.value) + (s.unit ? ' ' + s.unit : '')).join(', '));
    refresh();
  }

  async function dimTo(id, level, result) {
    const r = await Api.post('/devices/' + encodeURIComponent(id) + '/dim', { level: Number(level), seconds: 60 });
    result.className = 'result ' + (r.ok ? 'ok' : 'failed');
    result.textContent = 'dim ' + Ui.formatValue(r.value) + ' %: ' + (r.ok ? 'ok' : 'failed')
      + (r.readBack !== null && r.readBack !== undefined ? ', read back ' + Ui.formatValue(r.readBack) : '')
      + (r.error ? ' (' + r.error + ')' : '') + (r.ok ? ', for 60 s' : '');
  }

  async function blinkLamp(id, result) {
    const r = await Api.post('/devices/' + encodeURIComponent(id) + '/blink', { times: 3, periodMs: 1000 });
    result.className = 'result ' + (r.ok ? 'ok' : 'failed');
    result.textContent = 'blink: ' + r.steps + ' steps, ' + (r.ok ? 'ok' : 'failed')
      + (r.error ? ' (' + r.error + ')' : '');
  }

  return {
    start() { refresh(); timer = setInterval(refresh, 2000); },
    stop() { clearInterval(timer); timer = null; }
  };
})();
