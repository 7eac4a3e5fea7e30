'use strict';
/* Scan: pick a bus, a unit range and a line setting (or auto-detect), watch the progress (polled every 500 ms),
   then assign a profile, id, name and group to each device found. */
const ScanView = (() => {
  let scanId = null;
  let timer = null;
  let profiles = [];

  function init() {
    Ui.$('scan-form').addEventListener('submit', start);
    Ui.$('scan-cancel').addEventListener('click', cancel);
    Ui.$('scan-auto').addEventListener('change', () => { Ui.$('scan-line').disabled = Ui.$('scan-auto').checked; });
  }

  async function load() {
    const errorBox = Ui.$('scan-error');
    try {
      const buses = await Api.get('/buses');
      const select = Ui.$('scan-bus');
      const chosen = select.value;
      select.textContent = '';
      for (const b of buses.filter(b => b.scannable)) {
        const label = b.id + ' (' + b.type + (b.baud ? ', ' + b.baud : '') + ')';
        select.append(Ui.el('option', { value: b.id, text: label }));
      }
      if (!select.options.length) select.append(Ui.el('option', { value: '', text: 'no bus can be scanned' }));
      if (chosen) select.value = chosen;
      profiles = await Api.get('/profiles');
    } catch (e) {
      if (e.status !== 401) Ui.showError(errorBox, e);
    }
  }

  function request() {
    const body = {
      bus: Ui.$('scan-bus').value,
      firstUnit: Number(Ui.$('scan-first').value),
      lastUnit: Number(Ui.$('scan-last').value),
      auto: Ui.$('scan-auto').checked
    };
    const line = Ui.$('scan-line').value;
    if (!body.auto && line) {
      const [baud, parity, stopBits] = line.split('-');
      body.lineSettings = [{ baud: Number(baud), parity, stopBits: Number(stopBits) }];
    }
    return body;
  }

  async function start(event) {
    event.preventDefault();
    const form = Ui.$('scan-form');
    Ui.clearError(Ui.$('scan-error'), form);
    Ui.$('scan-found').tBodies[0].textContent = '';
    Ui.$('scan-start').disabled = true;
    try {
      scanId = (await Api.post('/scans', request())).id;
      Ui.$('scan-cancel').disabled = false;
      poll();
    } catch (e) {
      Ui.showError(Ui.$('scan-error'), e, form);
      Ui.$('scan-start').disabled = false;
    }
  }

  async function cancel() {
    if (!scanId) return;
    Ui.$('scan-cancel').disabled = true;
    try {
      render(await Api.del('/scans/' + scanId));
    } catch (e) {
      Ui.showError(Ui.$('scan-error'), e);
    }
  }

  async function poll() {
    clearTimeout(timer);
    if (!scanId) return;
    try {
      const scan = await Api.get('/scans/' + scanId);
      render(scan);
      if (scan.state === 'running') timer = setTimeout(poll, 500);
    } catch (e) {
      if (e.status !== 401) {
        Ui.showError(Ui.$('scan-error'), e);
        timer = setTimeout(poll, 2000);
      }
    }
  }

  function render(scan) {
    const progress = Ui.$('scan-progress');
    progress.max = Math.max(1, scan.total);
    progress.value = Math.min(scan.done, progress.max);
    progress.setAttribute('data-done', String(scan.done));
    progress.setAttribute('data-total', String(scan.total));
    Ui.$('scan-count').textContent = scan.done + ' / ' + scan.total + ' asked, ' + scan.found.length + ' found';
    Ui.$('scan-state').textContent = scan.state;
    Ui.$('scan-eta').textContent = scan.state === 'running'
      ? (scan.etaMs > 0 ? 'about ' + Ui.duration(scan.etaMs) + ' left' : 'estimating…')
      : 'took ' + Ui.duration(scan.elapsedMs);
    if (scan.error) Ui.showError(Ui.$('scan-error'), { body: { error: scan.error } });
    const running = scan.state === 'running';
    Ui.$('scan-start').disabled = running;
    Ui.$('scan-cancel').disabled = !running;
    const body = Ui.$('scan-found').tBodies[0];
    for (const f of scan.found) {
      const key = f.address ? f.address + '#' + f.unitId : String(f.unitId);
      if (!body.querySelector('tr[data-key="' + CSS.escape(key) + '"]')) body.append(row(f, key));
    }
  }

  function row(f, key) {
    const line = f.baud ? f.baud + ' ' + (f.parity || '').charAt(0).toUpperCase() + f.stopBits : (f.address || '—');
    const who = [f.vendor, f.product].filter(Boolean).join(' ') || '—';
    const tr = Ui.el('tr', { 'data-unit': String(f.unitId), 'data-key': key },
      Ui.el('td', { text: String(f.unitId) }),
      Ui.el('td', { text: line }),
      Ui.el('td', { class: 'profile', text: f.profile || 'unknown' }),
      Ui.el('td', { text: f.identifiedBy || '—' }),
      Ui.el('td', { text: who + ' · ' + Math.round(f.responseMicros / 1000) + ' ms' }),
      Ui.el('td', {}, assignForm(f)));
    return tr;
  }

  function assignForm(f) {
    const select = Ui.el('select', { class: 'assign-profile', 'data-field': 'profile', 'aria-label': 'profile' });
    for (const p of profiles) {
      select.append(Ui.el('option', { value: p.id, text: p.id + ' (' + p.manufacturer + ' ' + p.model + ')' }));
    }
    if (f.profile) select.value = f.profile;
    const input = (field, label) => Ui.el('input', { class: 'assign-' + field, 'data-field': field, placeholder: label,
      'aria-label': label });
    const id = input('id', 'device id');
    const name = input('name', 'name');
    const group = input('group', 'group');
    const button = Ui.el('button', { type: 'submit', class: 'assign-save', text: 'Assign' });
    const error = Ui.el('div', { class: 'error form-error', role: 'alert' });
    const notes = Ui.el('div', { class: 'notes' });
    const form = Ui.el('form', { class: 'assign' }, select, id, name, group, button, error, notes);
    form.addEventListener('submit', async event => {
      event.preventDefault();
      Ui.clearError(error, form);
      notes.textContent = '';
      button.disabled = true;
      try {
        Ui.showNotes(notes, await Api.post('/devices', assignment(f, select.value, id.value, name.value, group.value)));
      } catch (e) {
        Ui.showError(error, e, form);
      } finally {
        button.disabled = false;
      }
    });
    return form;
  }

  /* A device on the scanned bus, or for a device found by a TCP host scan a new TCP bus to its address. */
  function assignment(f, profile, id, name, group) {
    const device = { id: id.trim(), name: name.trim() || null, profile, unitId: f.unitId, group: group.trim() || null };
    if (f.bus) return { devices: [Object.assign(device, { bus: f.bus })] };
    const [host, port] = f.address.split(':');
    const bus = { id: 'tcp-' + host.replace(/\./g, '-'), type: 'tcp', host, tcpPort: Number(port) || 502 };
    return { buses: [bus], devices: [Object.assign(device, { bus: bus.id })] };
  }

  return { init, start: load, stop() { clearTimeout(timer); } };
})();
