// Exports: the analysis as JSON (the core's answer, re-indented) and as Markdown for a ticket
// (the core's own Markdown, asked for with the request's "markdown": true: no Markdown is
// written here). Downloads are Blob URLs made and revoked here: nothing is uploaded.

// The core's answer as it is without the Markdown the page asked for.
export function analysisJson(analysis) {
  const { markdown, ...answer } = analysis;
  return JSON.stringify(answer, null, 2) + '\n';
}

// The core's Markdown of this analysis, or null when the core wrote none (the final plan of a
// scanned SQL execution comes from the scan document, which carries no Markdown).
export function analysisMarkdown(analysis) {
  return typeof analysis.markdown === 'string' ? analysis.markdown : null;
}

export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
