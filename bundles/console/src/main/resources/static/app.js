'use strict';
/* The console page: login first, then every section; a session that ends (401) brings the login back. */
(() => {
  const views = [StatusView, IdentityView, ScanView, DevicesView];

  function showLogin(message) {
    views.forEach(v => v.stop());
    Api.csrf(null);
    Ui.$('app').hidden = true;
    Ui.$('nav').hidden = true;
    Ui.$('logout').hidden = true;
    Ui.$('login-section').hidden = false;
    Ui.$('login-error').textContent = message || '';
    Ui.$('login-password').focus();
  }

  function showApp(csrfToken) {
    Api.csrf(csrfToken);
    Ui.$('login-section').hidden = true;
    Ui.$('login-error').textContent = '';
    Ui.$('app').hidden = false;
    Ui.$('nav').hidden = false;
    Ui.$('logout').hidden = false;
    views.forEach(v => v.start());
  }

  async function login(event) {
    event.preventDefault();
    const button = Ui.$('login-submit');
    const password = Ui.$('login-password');
    button.disabled = true;
    try {
      const r = await Api.post('/login', { password: password.value });
      password.value = '';
      showApp(r.csrfToken);
    } catch (e) {
      const b = e.body || {};
      let message = b.error || e.message;
      if (e.status === 401 && b.attemptsLeft !== undefined) {
        message = 'Wrong password: ' + b.attemptsLeft + (b.attemptsLeft === 1 ? ' attempt' : ' attempts') + ' left.';
      } else if (e.status === 429) {
        const wait = Ui.duration((b.retryAfterS || 0) * 1000);
        message = 'Too many wrong passwords: locked out, try again in ' + wait + '.';
      }
      Ui.$('login-error').textContent = message;
      password.select();
    } finally {
      button.disabled = false;
    }
  }

  async function logout() {
    try {
      await Api.post('/logout');
    } catch (e) {
      // logged out either way
    }
    showLogin('Logged out.');
  }

  document.addEventListener('DOMContentLoaded', async () => {
    IdentityView.init();
    ScanView.init();
    Ui.$('login-form').addEventListener('submit', login);
    Ui.$('logout').addEventListener('click', logout);
    Api.onUnauthorized(() => showLogin('Your session ended: log in again.'));
    try {
      showApp((await Api.get('/session')).csrfToken);
    } catch (e) {
      showLogin(e.status === 401 && e.body && e.body.error && e.body.error !== 'login required' ? e.body.error : '');
    }
  });
})();
