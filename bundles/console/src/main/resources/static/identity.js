'use strict';
/* Identity and IOC connection: site, gateway id, position, time zone; broker and credentials; certificate
   request, certificate and CA, the IOC's public key. Every change goes through the API's checks. */
const IdentityView = (() => {
  const UPLINK_PID = 'org.cityedge.uplink.mqtt';

  function init() {
    Ui.$('identity-form').addEventListener('submit', saveIdentity);
    Ui.$('connection-form').addEventListener('submit', saveConnection);
    Ui.$('csr-create').addEventListener('click', createRequest);
    Ui.$('certificate-form').addEventListener('submit', installCertificate);
    Ui.$('trust-form').addEventListener('submit', installKey);
  }

  async function load() {
    try {
      const id = await Api.get('/identity');
      Ui.$('identity-site').value = id.site || '';
      Ui.$('identity-gateway').value = id.gatewayId || '';
      Ui.$('identity-lat').value = id.location ? id.location.latitude : '';
      Ui.$('identity-lon').value = id.location ? id.location.longitude : '';
      Ui.$('identity-tz').value = id.timezone || '';
    } catch (e) {
      if (e.status !== 401) Ui.showError(Ui.$('form-error'), e);
    }
    try {
      const config = await Api.get('/config');
      const uplink = config[UPLINK_PID] || {};
      Ui.$('connection-broker').value = uplink.brokerUrl || '';
      Ui.$('connection-username').value = uplink.username || '';
      Ui.$('connection-password').value = uplink.password || '';
    } catch (e) {
      if (e.status !== 401) Ui.showError(Ui.$('connection-error'), e);
    }
  }

  /* Runs a change and shows its outcome next to the form. */
  async function change(form, errorBox, notesBox, button, request) {
    Ui.clearError(errorBox, form);
    notesBox.textContent = '';
    button.disabled = true;
    try {
      Ui.showNotes(notesBox, await request());
      return true;
    } catch (e) {
      Ui.showError(errorBox, e, form);
      return false;
    } finally {
      button.disabled = false;
    }
  }

  function number(id) {
    const v = Ui.$(id).value.trim();
    return v === '' ? null : Number(v);
  }

  function saveIdentity(event) {
    event.preventDefault();
    const lat = number('identity-lat'), lon = number('identity-lon');
    const body = {
      site: Ui.$('identity-site').value.trim(),
      gatewayId: Ui.$('identity-gateway').value.trim(),
      location: lat === null && lon === null ? null : { latitude: lat, longitude: lon },
      timezone: Ui.$('identity-tz').value.trim() || null
    };
    change(Ui.$('identity-form'), Ui.$('form-error'), Ui.$('identity-notes'), Ui.$('identity-save'),
      () => Api.put('/identity', body)).then(ok => { if (ok) StatusView.refresh(); });
  }

  function saveConnection(event) {
    event.preventDefault();
    const settings = {
      brokerUrl: Ui.$('connection-broker').value.trim(),
      username: Ui.$('connection-username').value,
      password: Ui.$('connection-password').value
    };
    change(Ui.$('connection-form'), Ui.$('connection-error'), Ui.$('connection-notes'), Ui.$('connection-save'),
      () => Api.put('/config', { [UPLINK_PID]: settings }));
  }

  async function createRequest() {
    const button = Ui.$('csr-create');
    Ui.clearError(Ui.$('csr-error'));
    button.disabled = true;
    try {
      Ui.$('csr-pem').value = (await Api.post('/tls/csr')).csr;
      StatusView.refresh();
    } catch (e) {
      Ui.showError(Ui.$('csr-error'), e);
    } finally {
      button.disabled = false;
    }
  }

  function installCertificate(event) {
    event.preventDefault();
    const body = { certificate: Ui.$('certificate-pem').value, ca: Ui.$('certificate-ca').value };
    change(Ui.$('certificate-form'), Ui.$('certificate-error'), Ui.$('certificate-notes'),
      Ui.$('certificate-install'), () => Api.put('/tls/certificate', body))
      .then(ok => { if (ok) StatusView.refresh(); });
  }

  function installKey(event) {
    event.preventDefault();
    const body = { publicKey: Ui.$('trust-key').value };
    change(Ui.$('trust-form'), Ui.$('trust-error'), Ui.$('trust-notes'), Ui.$('trust-save'),
      () => Api.put('/trust', body)).then(ok => { if (ok) StatusView.refresh(); });
  }

  return { init, start: load, stop() {} };
})();
