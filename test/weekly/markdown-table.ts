/** Undoes the report's Markdown escaping, so tests compare what a reader sees. */
export function unescapeMarkdown(text: string): string {
  return text.replace(/\\([!-/:-@[-`{-~])/g, '$1').replace(/\u200b/g, '');
}

/** The rows of the first table after `## heading`, each as its unescaped cells. */
export function tableUnder(markdown: string, heading: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`No "${heading}" in the report`);
  const rows: string[][] = [];
  let inTable = false;
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('| ')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    // Cells are split on unescaped pipes; the escaping turns every pipe in content into `\|`.
    const cells = line
      .slice(2, -2)
      .split(/(?<!\\) \| /)
      .map((cell) => unescapeMarkdown(cell));
    rows.push(cells);
  }
  // Drop the header and the `---` separator.
  return rows.slice(2);
}

/** The body of the first fenced ```mermaid block. */
export function mermaidBlock(markdown: string): string {
  const match = /```mermaid\n([\s\S]*?)\n```/.exec(markdown);
  if (match === null) throw new Error('No mermaid block in the report');
  return match[1]!;
}
