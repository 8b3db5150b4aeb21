/**
 * The inbox's only script, served as /inbox/static/inbox.js (`script-src 'self'`, nothing inline).
 * A browser program with its own tsconfig (DOM types); `npm run inbox:client` turns it into
 * ../client.generated.ts. Every page works without it except polling, shortcuts, canned replies
 * and the live character count.
 */
function inboxClient(): void {
  keyboardShortcuts(document.body);
  pollMarkedPart();
  replyCharacterCount(document.body.dataset.csrf ?? '');
}

/** j/k move through the queue; an element with `data-key` is clicked (or focused) by its key. */
function keyboardShortcuts(body: HTMLElement): void {
  const rows = () => [...document.querySelectorAll<HTMLAnchorElement>('tr.case-row a.case-link')];
  const moveInQueue = (step: number) => {
    const links = rows();
    if (links.length === 0) return;
    const at = links.indexOf(document.activeElement as HTMLAnchorElement);
    const next = links[Math.min(links.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    next?.focus();
  };

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target as HTMLElement;
    if (target.closest('input, textarea, select')) {
      if (event.key === 'Escape') target.blur();
      return;
    }
    if (body.dataset.page === 'queue' && (event.key === 'j' || event.key === 'k')) {
      event.preventDefault();
      moveInQueue(event.key === 'j' ? 1 : -1);
      return;
    }
    const element = document.querySelector<HTMLElement>(`[data-key="${CSS.escape(event.key)}"]`);
    if (!element) return;
    event.preventDefault();
    if (element.matches('input, textarea')) element.focus();
    else element.click();
  });
}

function pollMarkedPart(): void {
  // The queue, or an erasure while it is pending: the part marked data-poll is fetched again and
  // replaced; it stops when the new part no longer asks for polling.
  const polled = document.querySelector<HTMLElement>('[data-poll][id]');
  if (polled) {
    const id = polled.id;
    const timer = setInterval(async () => {
      const current = document.getElementById(id);
      if (!current?.dataset.poll) return clearInterval(timer);
      if (current.contains(document.activeElement) && document.activeElement?.closest('form')) return;
      const response = await fetch(location.href, { credentials: 'same-origin' });
      if (!response.ok || response.redirected) return;
      const html = await response.text();
      const next = new DOMParser().parseFromString(html, 'text/html').getElementById(id);
      if (!next) return;
      const focused = (document.activeElement as HTMLElement | null)?.closest('tr')?.dataset.caseId;
      current.replaceWith(document.adoptNode(next));
      if (focused) {
        document
          .querySelector<HTMLAnchorElement>(`tr[data-case-id="${CSS.escape(focused)}"] a.case-link`)
          ?.focus();
      }
    }, Number(polled.dataset.poll) * 1000);
  }
}

/** The reply's length as the platform counts it (asked of the server), and the canned replies. */
function replyCharacterCount(csrf: string): void {
  const text = document.querySelector<HTMLTextAreaElement>('#reply-text');
  const count = document.querySelector<HTMLElement>('#reply-count');
  if (text && count) {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = () =>
      Number(document.querySelector<HTMLInputElement>('input[name="kind"]:checked')?.dataset.limit ?? '0');
    const update = async () => {
      const response = await fetch('/inbox/text-length', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', 'x-csrf-token': csrf },
        body: JSON.stringify({ text: text.value, platform: text.dataset.platform }),
      });
      if (!response.ok) return;
      const { length } = (await response.json()) as { length: number };
      const max = limit();
      count.querySelector('[data-count]')?.replaceChildren(String(length));
      count.querySelector('[data-limit]')?.replaceChildren(String(max));
      count.classList.toggle('over', max > 0 && length > max);
    };
    const schedule = () => {
      clearTimeout(timer);
      timer = setTimeout(update, 150);
    };
    text.addEventListener('input', schedule);
    for (const radio of document.querySelectorAll('input[name="kind"]'))
      radio.addEventListener('change', schedule);
    const canned = document.querySelector<HTMLSelectElement>('#canned');
    canned?.addEventListener('change', () => {
      if (!canned.value) return;
      text.value = canned.value;
      canned.value = '';
      text.focus();
      schedule();
    });
    schedule();
  }
}

inboxClient();
