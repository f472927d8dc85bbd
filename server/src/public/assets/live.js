/*
 * Live updating of a public meeting page. The page is complete without this script; when it runs,
 * it asks the page's fingerprint route every 10 s (not while the tab is hidden) and, when the
 * fingerprint changed, fetches the page again, replaces the main content and says "Updated"
 * through the polite live region. `?poll=<ms>` on the page (at least 1000) sets the interval.
 * Refused (429: a venue's hall shares one address), it says live updates are paused and waits the
 * server's Retry-After plus a random part, so the hall's tabs do not all come back at once; the
 * next poll answered clears that.
 */
(() => {
  const script = document.currentScript;
  const main = document.getElementById('main');
  const status = document.getElementById('live-status');
  if (!script || !main || !status || !script.dataset.live) return;
  const route = script.dataset.live;
  const word = script.dataset.updated || 'Updated';
  const pausedWord = script.dataset.paused || 'Live updates paused';
  const asked = Number(new URLSearchParams(location.search).get('poll'));
  const interval = Number.isFinite(asked) && asked >= 1000 ? asked : 10_000;
  let known = script.dataset.fingerprint || '';
  let timer;
  let polling = false;
  let paused = false;

  /** The wait after a refusal: the server's Retry-After (seconds), at least the interval, and up to half an interval more. */
  function backOff(response) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const asked = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : 0;
    return Math.max(asked, interval) + Math.random() * (interval / 2);
  }

  async function refresh() {
    const response = await fetch(location.href, { cache: 'no-cache', headers: { accept: 'text/html' } });
    if (!response.ok) return false;
    const fresh = new DOMParser().parseFromString(await response.text(), 'text/html').getElementById('main');
    if (!fresh) return false;
    main.replaceChildren(...Array.from(fresh.childNodes, (node) => document.importNode(node, true)));
    return true;
  }

  async function poll() {
    timer = undefined;
    polling = true;
    let wait = interval;
    try {
      const response = await fetch(route, { cache: 'no-store', headers: { accept: 'application/json' } });
      if (response.status === 429) {
        wait = backOff(response);
        if (!paused) status.textContent = pausedWord;
        paused = true;
      } else if (response.ok) {
        const { fingerprint } = await response.json();
        if (paused) {
          paused = false;
          status.textContent = '';
        }
        if (fingerprint !== known && (await refresh())) {
          known = fingerprint;
          status.textContent = `${word} ${new Date().toLocaleTimeString(document.documentElement.lang || undefined)}`;
        }
      }
    } catch {
      // Offline or a dropped request: the page as shown stays; the next tick tries again.
    }
    polling = false;
    if (document.visibilityState === 'visible') timer = setTimeout(poll, wait);
  }

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      clearTimeout(timer);
      timer = undefined;
    } else if (timer === undefined && !polling) {
      // Refused before it was hidden: coming back is no reason to ask before an interval.
      if (paused) timer = setTimeout(poll, interval);
      else poll();
    }
  });
  if (document.visibilityState === 'visible') timer = setTimeout(poll, interval);
})();
