import { spawnSync } from 'node:child_process';

/**
 * Renders Markdown with cmark-gfm, the renderer behind GitHub's Markdown, with GitHub's extensions and raw
 * HTML allowed: if scanned text could become HTML, this is where it would show.
 */
export function renderLikeGithub(markdown: string): string {
  const run = spawnSync('cmark-gfm', ['--unsafe', '-e', 'table', '-e', 'autolink', '-e', 'strikethrough', '-e', 'tagfilter'], {
    input: markdown,
    encoding: 'utf8',
  });
  if (run.error !== undefined) throw new Error(`cmark-gfm is needed for this test (apt-get install -y cmark-gfm): ${run.error.message}`);
  return run.stdout;
}

/** The text an HTML fragment's entities stand for. */
export function decodeHtml(html: string): string {
  return html
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&');
}

/** The text of every cell, row by row, of each table in rendered HTML. */
export function renderedTables(html: string): string[][][] {
  return [...html.matchAll(/<table>([\s\S]*?)<\/table>/g)].map(([, table]) =>
    [...(table ?? '').matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map(([, row]) =>
      [...(row ?? '').matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map(([, cell]) => cell ?? ''),
    ),
  );
}
