/* global document, window, fetch, FormData, URLSearchParams */
// Passkey ceremonies on the staff pages, with @simplewebauthn/browser (served by the app as
// simplewebauthn-browser.js). Each form marked data-passkey stays hidden, with a note that
// passkeys need JavaScript, until this script finds WebAuthn in the browser. The flow: post the
// form to its data-options address for the ceremony's options, run the browser's ceremony, post
// the result (as a form field, with the CSRF token) to the form's action, then follow the answer.
(function () {
  var lib = window.SimpleWebAuthnBrowser;
  var forms = document.querySelectorAll('form[data-passkey]');
  if (!forms.length || !lib || !lib.browserSupportsWebAuthn()) return;
  document.querySelectorAll('[data-passkey-fallback]').forEach(function (note) {
    note.hidden = true;
  });

  /** Posts a form body; answers the parsed JSON, or follows a redirect to a page. */
  async function post(url, body) {
    var response = await fetch(url, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { accept: 'application/json' },
    });
    var type = response.headers.get('content-type') || '';
    if (!/json/.test(type)) {
      // Sent to sign in again, or to the second step: go there.
      window.location.assign(response.url);
      return undefined;
    }
    return { ok: response.ok, json: await response.json() };
  }

  function showRecoveryCodes(form, codes) {
    var section = document.getElementById('passkey-codes');
    if (!section) return;
    var list = section.querySelector('ul');
    codes.forEach(function (code) {
      var item = document.createElement('li');
      item.textContent = code;
      list.appendChild(item);
    });
    form.hidden = true;
    section.hidden = false;
    section.querySelector('h2').focus();
  }

  forms.forEach(function (form) {
    var message = form.querySelector('[data-passkey-message]');
    var button = form.querySelector('button[type="submit"]');
    var nameField = form.querySelector('#name');
    var say = function (text) {
      message.textContent = text;
    };
    var problem = function (json) {
      var fieldError = (json.errors || []).find(function (e) {
        return e.name === 'name';
      });
      if (nameField) nameField.setAttribute('aria-invalid', fieldError ? 'true' : 'false');
      say(json.detail || form.dataset.network);
      if (fieldError && nameField) nameField.focus();
    };
    var ceremony =
      form.dataset.passkey === 'register' ? 'startRegistration' : 'startAuthentication';

    form.hidden = false;
    form.addEventListener('submit', async function (event) {
      event.preventDefault();
      button.disabled = true;
      say(form.dataset.working);
      try {
        var body = new URLSearchParams(new FormData(form));
        var options = await post(form.dataset.options, body);
        if (!options) return;
        if (!options.ok) return problem(options.json);
        var credential;
        try {
          credential = await lib[ceremony]({ optionsJSON: options.json });
        } catch {
          // Cancelled, timed out, or refused by the authenticator.
          return say(form.dataset.cancelled);
        }
        body.set('credential', JSON.stringify(credential));
        var done = await post(form.action, body);
        if (!done) return;
        if (!done.ok) return problem(done.json);
        if (done.json.recoveryCodes) return showRecoveryCodes(form, done.json.recoveryCodes);
        window.location.assign(done.json.redirect);
      } catch {
        say(form.dataset.network);
      } finally {
        button.disabled = false;
      }
    });
  });
})();
