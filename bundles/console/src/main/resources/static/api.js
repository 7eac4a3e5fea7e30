'use strict';
/* The console's side of the HTTP API (docs/console/http-api.md): JSON in and out, the session cookie travels by
   itself, changes carry the session's CSRF token. A 401 on any call means the session ended: back to the login. */
const Api = (() => {
  let csrf = null;
  let unauthorized = () => {};

  class ApiError extends Error {
    constructor(status, body) {
      super(body && body.error ? body.error : 'HTTP ' + status);
      this.status = status;
      this.body = body || {};
    }
  }

  async function call(method, path, body) {
    const headers = { 'Accept': 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
    let response;
    try {
      response = await fetch('/api' + path, {
        method, headers, credentials: 'same-origin', cache: 'no-store',
        body: body === undefined ? undefined : JSON.stringify(body)
      });
    } catch (e) {
      throw new ApiError(0, { error: 'the gateway does not answer (' + e.message + ')' });
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = { error: text }; }
    }
    if (!response.ok) {
      const error = new ApiError(response.status, data);
      if (response.status === 401 && path !== '/login' && path !== '/session') unauthorized(error);
      throw error;
    }
    return data;
  }

  return {
    ApiError,
    get: path => call('GET', path),
    post: (path, body) => call('POST', path, body === undefined ? {} : body),
    put: (path, body) => call('PUT', path, body),
    del: path => call('DELETE', path),
    csrf: token => { csrf = token; },
    onUnauthorized: handler => { unauthorized = handler; }
  };
})();
