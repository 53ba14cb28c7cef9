// The tab keeps what is shown (the view and the filters of Historik) in the page's address, so a
// view can be shared as a link and survives a reload. replaceState: no history entry per keystroke.

export function readParam(name: string): string {
  return new URLSearchParams(window.location.search).get(name) ?? '';
}

/** Sets (or, for '' and undefined, removes) the given query parameters; leaves the others alone. */
export function writeParams(values: Record<string, string | undefined>): void {
  const url = new URL(window.location.href);
  for (const [k, v] of Object.entries(values)) {
    if (v) url.searchParams.set(k, v);
    else url.searchParams.delete(k);
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, '', url.href);
}
