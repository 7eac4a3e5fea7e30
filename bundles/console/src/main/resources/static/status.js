'use strict';
/* Status: uplink, buffer, rule set and schedule versions, device health counts; refreshed every 5 s. */
const StatusView = (() => {
  let timer = null;

  async function refresh() {
    try {
      render(await Api.get('/status'));
      Ui.clearError(Ui.$('status-error'));
    } catch (e) {
      if (e.status !== 401) Ui.showError(Ui.$('status-error'), e);
    }
  }

  function render(s) {
    const up = s.uplink || {};
    const uplink = Ui.$('status-uplink');
    const parts = [up.state || 'UNKNOWN'];
    if (up.broker) parts.push(up.broker);
    if (up.connectedSince) parts.push('since ' + Ui.time(up.connectedSince));
    if (up.problem) parts.push(up.problem);
    uplink.textContent = parts.join(' · ');
    uplink.className = 'state-' + (up.state || 'UNKNOWN');

    const b = s.buffer || {};
    Ui.$('status-buffer-depth').textContent = b.depth === undefined ? '—' : String(b.depth);
    const buffer = [];
    if (b.quotaBytes) buffer.push(Math.round(b.bytes / 1024) + ' KiB of ' + Math.round(b.quotaBytes / 1024) + ' KiB');
    if (b.oldestSampleTime) buffer.push('oldest ' + Ui.time(b.oldestSampleTime));
    if (b.droppedTotal) buffer.push(b.droppedTotal + ' dropped');
    if (b.problem) buffer.push(b.problem);
    Ui.$('status-buffer').textContent = buffer.join(' · ') || 'empty';

    Ui.$('status-rules-version').textContent = version(s.rules);
    Ui.$('status-schedule-version').textContent = version(s.schedule);

    const counts = {};
    for (const d of Array.isArray(s.devices) ? s.devices : []) counts[d.state] = (counts[d.state] || 0) + 1;
    const order = ['ONLINE', 'DEGRADED', 'OFFLINE', 'UNKNOWN'];
    Ui.$('status-devices').textContent = order.filter(k => counts[k]).map(k => counts[k] + ' ' + k.toLowerCase())
      .join(', ') || 'no devices';

    const t = s.tls || {};
    const tls = [];
    if (t.problem) tls.push(t.problem);
    else {
      tls.push(t.certificateSubject ? t.certificateSubject + ' until ' + Ui.time(t.certificateNotAfter)
        : (t.requestPending ? 'certificate request pending' : (t.keyPresent ? 'key, no certificate' : 'no key yet')));
      tls.push(t.iocKeyPresent ? 'IOC key installed' : 'no IOC key');
    }
    Ui.$('status-tls').textContent = tls.join(' · ');

    const id = s.identity || {};
    Ui.$('header-identity').textContent = id.site ? id.site + ' / ' + id.gatewayId : '';
  }

  function version(part) {
    if (!part) return '—';
    if (part.version === null || part.version === undefined) return part.problem || 'none';
    return part.version === 0 ? 'none installed' : 'version ' + part.version;
  }

  return {
    start() { refresh(); timer = setInterval(refresh, 5000); },
    stop() { clearInterval(timer); timer = null; },
    refresh
  };
})();
