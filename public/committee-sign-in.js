// "Sign in with GitHub" for the committee workspace: the OAuth popup of Netlify's GitHub
// provider, with the same hand-over Decap CMS uses (the popup says "authorizing:github", we
// answer, it sends "authorization:github:success:{token}"). The token is posted once to
// /api/committee/session, which checks it with GitHub and sets the session; it is not kept here.
// Without JavaScript the token form below the button does the same.
(() => {
  const box = document.querySelector('[data-auth-url]');
  if (!box) return;
  const button = box.querySelector('[data-github-sign-in]');
  const status = box.querySelector('[data-sign-in-status]');
  const authUrl = new URL(box.getAttribute('data-auth-url'));
  box.hidden = false;

  const say = (text) => {
    status.textContent = text;
  };

  button.addEventListener('click', () => {
    const query = new URLSearchParams({ provider: 'github', scope: 'repo' });
    const siteId = box.getAttribute('data-site-id');
    if (siteId) query.set('site_id', siteId);
    const popup = window.open(`${authUrl.href}?${query}`, 'committee-sign-in', 'width=600,height=700');
    if (!popup) {
      say('The sign-in window was blocked. Allow pop-ups for this site, or use a token below.');
      return;
    }
    say('Waiting for GitHub…');
    const receive = async (event) => {
      if (event.origin !== authUrl.origin || typeof event.data !== 'string') return;
      if (event.data === 'authorizing:github') {
        popup.postMessage('authorizing:github', event.origin);
        return;
      }
      const match = /^authorization:github:(success|error):(.*)$/s.exec(event.data);
      if (!match) return;
      window.removeEventListener('message', receive);
      if (match[1] !== 'success') {
        say('GitHub did not sign you in. Try again.');
        return;
      }
      let token = '';
      try {
        token = JSON.parse(match[2]).token ?? '';
      } catch {
        token = '';
      }
      say('Checking your access…');
      const response = await fetch('/api/committee/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ token }),
        credentials: 'same-origin',
      });
      if (response.ok) {
        window.location.assign('/committee/');
        return;
      }
      const answer = await response.json().catch(() => ({}));
      say(answer.error ?? 'You could not be signed in. Try again.');
    };
    window.addEventListener('message', receive);
  });
})();
