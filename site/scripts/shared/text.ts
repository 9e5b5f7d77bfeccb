/** Fills {placeholders} in a UI string that the page rendered with its placeholders kept. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{([a-zA-Z0-9_]+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** Reads a JSON data-attribute written by the page; an empty object when it is missing or broken. */
export function readJson<T>(el: HTMLElement, name: string): T {
  try {
    return JSON.parse(el.dataset[name] ?? '{}') as T;
  } catch {
    return {} as T;
  }
}
