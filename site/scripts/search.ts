// Search across the statements in the page's language with Pagefind's static index: no server,
// no other origin. Results are built with DOM methods (never innerHTML from the index except
// Pagefind's own highlighted excerpt, which it escapes and marks with <mark>).
interface PagefindResult {
  data(): Promise<{ url: string; excerpt: string; meta: { title?: string } }>;
}
interface Pagefind {
  init(): Promise<void>;
  search(q: string): Promise<{ results: PagefindResult[] }>;
}

const form = document.querySelector<HTMLFormElement>('#search-form');
const input = document.querySelector<HTMLInputElement>('#search-input');
const status = document.querySelector<HTMLElement>('#search-status');
const list = document.querySelector<HTMLOListElement>('#search-results');
let pagefind: Promise<Pagefind> | undefined;

function load(): Promise<Pagefind> {
  const path = '/pagefind/pagefind.js';
  pagefind ??= import(/* @vite-ignore */ path).then(async (m: Pagefind) => {
    await m.init();
    return m;
  });
  return pagefind;
}

async function run(query: string): Promise<void> {
  if (!status || !list) return;
  list.replaceChildren();
  if (query.trim() === '') return;
  const pf = await load();
  const found = await pf.search(query);
  const data = await Promise.all(found.results.slice(0, 20).map((r) => r.data()));
  const template = data.length === 0 ? status.dataset.none! : status.dataset.results!;
  status.textContent = template.replace('{query}', `“${query}”`).replace('{count}', String(found.results.length));
  for (const d of data) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title ?? d.url;
    const p = document.createElement('p');
    // Pagefind's excerpt is escaped text with <mark> around the hits: keep only the text and marks.
    const tmp = new DOMParser().parseFromString(d.excerpt, 'text/html');
    for (const node of Array.from(tmp.body.childNodes)) {
      if (node.nodeName === 'MARK') {
        const m = document.createElement('mark');
        m.textContent = node.textContent;
        p.append(m);
      } else p.append(node.textContent ?? '');
    }
    li.append(a, p);
    list.append(li);
  }
}

if (form && input) {
  const initial = new URLSearchParams(location.search).get('q');
  if (initial) {
    input.value = initial;
    void run(initial);
  }
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    history.replaceState(null, '', `?q=${encodeURIComponent(input.value)}`);
    void run(input.value);
  });
}
