import { showInvisibleCharacters } from '../report/escape.js';
import type { WeeklyReport } from './report.js';
import { renderMermaid, type FlowGraph, type FlowNode } from './mermaid.js';
import type { TrendPoint } from './snapshot.js';
import {
  consentWords,
  countOf,
  countRepeats,
  describeAge,
  describeAttribute,
  describeAudit,
  describeDecision,
  describeRetention,
  describeRowLocation,
  describeSink,
  describeSuppressedRules,
} from './wording.js';

const htmlEntities: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text from scanned code as inert HTML (element content or a quoted attribute), with invisible characters shown. */
export function escapeHtml(value: string | number): string {
  return showInvisibleCharacters(String(value)).replace(/[&<>"']/g, (character) => htmlEntities[character]!);
}

const severityColours = { error: '#b42318', warning: '#b54708', note: '#175cd3' } as const;

function trendChart(history: TrendPoint[]): string {
  if (history.length === 0) return '<p>No history yet.</p>';
  const barWidth = 36;
  const gap = 18;
  const chartHeight = 140;
  const top = 20;
  const left = 40;
  const max = Math.max(1, ...history.map((point) => point.open));
  const width = left + history.length * (barWidth + gap) + gap;
  const height = top + chartHeight + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="trend-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<title id="trend-title">Open findings per week, by severity</title>',
    `<line x1="${left}" y1="${top + chartHeight}" x2="${width}" y2="${top + chartHeight}" stroke="#98a2b3"/>`,
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" class="axis">${max}</text>`,
    `<text x="${left - 6}" y="${top + chartHeight}" text-anchor="end" class="axis">0</text>`,
  ];
  history.forEach((point, index) => {
    const x = left + gap + index * (barWidth + gap);
    let y = top + chartHeight;
    for (const severity of ['error', 'warning', 'note'] as const) {
      const barHeight = (point[severity] / max) * chartHeight;
      if (barHeight <= 0) continue;
      y -= barHeight;
      parts.push(
        `<rect x="${x}" y="${y.toFixed(1)}" width="${barWidth}" height="${barHeight.toFixed(1)}" fill="${severityColours[severity]}"><title>${escapeHtml(`${point.date}: ${point[severity]} ${severity}s`)}</title></rect>`,
      );
    }
    parts.push(`<text x="${x + barWidth / 2}" y="${(y - 4).toFixed(1)}" text-anchor="middle" class="value">${point.open}</text>`);
    parts.push(`<text x="${x + barWidth / 2}" y="${top + chartHeight + 16}" text-anchor="middle" class="axis">${escapeHtml(point.date.slice(5))}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function ruleChart(report: WeeklyReport): string {
  const rows = report.byRule.filter((count) => count.error + count.warning + count.note + count.suppressed > 0);
  if (rows.length === 0) return '<p>No findings.</p>';
  const labelWidth = 210;
  const barArea = 360;
  const rowHeight = 24;
  const max = Math.max(1, ...rows.map((count) => count.error + count.warning + count.note + count.suppressed));
  const height = rows.length * rowHeight + 8;
  const width = labelWidth + barArea + 60;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="rules-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<title id="rules-title">Findings by rule</title>',
  ];
  rows.forEach((count, index) => {
    const y = 4 + index * rowHeight;
    parts.push(`<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end" class="label">${escapeHtml(count.ruleId)}</text>`);
    let x = labelWidth;
    const segments: [number, string, string][] = [
      [count.error, severityColours.error, 'errors'],
      [count.warning, severityColours.warning, 'warnings'],
      [count.note, severityColours.note, 'notes'],
      [count.suppressed, '#98a2b3', 'suppressed'],
    ];
    for (const [value, colour, name] of segments) {
      if (value === 0) continue;
      const segmentWidth = (value / max) * barArea;
      parts.push(`<rect x="${x.toFixed(1)}" y="${y + 3}" width="${segmentWidth.toFixed(1)}" height="16" fill="${colour}"><title>${value} ${name}</title></rect>`);
      x += segmentWidth;
    }
    const total = count.error + count.warning + count.note + count.suppressed;
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 15}" class="value">${total}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function truncate(label: string, length: number): string {
  return label.length > length ? `${label.slice(0, length - 1)}…` : label;
}

function flowChart(graph: FlowGraph): string {
  if (graph.nodes.length === 0) return '<p>Nothing to draw: no pipeline uses a sensitive attribute, a proxy or a sink.</p>';
  const columns: FlowNode['column'][] = ['attribute', 'pipeline', 'sink'];
  const columnX = { attribute: 10, pipeline: 290, sink: 570 };
  const nodeWidth = 220;
  const nodeHeight = 28;
  const rowGap = 12;
  const top = 34;
  const positions = new Map<string, { x: number; y: number }>();
  let rows = 0;
  for (const column of columns) {
    const members = graph.nodes.filter((node) => node.column === column);
    members.forEach((node, index) => positions.set(node.id, { x: columnX[column], y: top + index * (nodeHeight + rowGap) }));
    rows = Math.max(rows, members.length);
  }
  const width = columnX.sink + nodeWidth + 10;
  const height = top + rows * (nodeHeight + rowGap) + 10;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="flow-title" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    '<title id="flow-title">Sensitive attributes and proxies flowing into pipelines and sinks</title>',
    `<text x="${columnX.attribute}" y="18" class="heading">Attributes and proxies</text>`,
    `<text x="${columnX.pipeline}" y="18" class="heading">Pipelines</text>`,
    `<text x="${columnX.sink}" y="18" class="heading">Sinks</text>`,
  ];
  for (const edge of graph.edges) {
    const from = positions.get(edge.from);
    const to = positions.get(edge.to);
    if (from === undefined || to === undefined) continue;
    const x1 = from.x + nodeWidth;
    const y1 = from.y + nodeHeight / 2;
    const x2 = to.x;
    const y2 = to.y + nodeHeight / 2;
    const middle = (x1 + x2) / 2;
    const style =
      edge.consent === undefined
        ? 'stroke="#667085" stroke-width="1.5"'
        : edge.consent === 'guarded'
          ? 'stroke="#039855" stroke-width="1.5" stroke-dasharray="5 4"'
          : 'stroke="#b42318" stroke-width="3"';
    const title = edge.consent === undefined ? 'input' : consentWords[edge.consent];
    parts.push(`<path d="M${x1} ${y1} C${middle} ${y1} ${middle} ${y2} ${x2} ${y2}" fill="none" ${style}><title>${escapeHtml(title)}</title></path>`);
  }
  for (const node of graph.nodes) {
    const position = positions.get(node.id)!;
    const fill = node.emphasis ? (node.column === 'attribute' ? '#fde2e1' : '#fef0c7') : node.grouped ? '#f2f4f7' : '#ffffff';
    parts.push(
      `<g><title>${escapeHtml(node.label)}</title><rect x="${position.x}" y="${position.y}" width="${nodeWidth}" height="${nodeHeight}" rx="${node.column === 'pipeline' ? 3 : 14}" fill="${fill}" stroke="#475467"/>` +
        `<text x="${position.x + 10}" y="${position.y + 18}" class="label">${escapeHtml(truncate(node.label, 32))}</text></g>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function list(items: string[], empty: string): string {
  if (items.length === 0) return escapeHtml(empty);
  return `<ul>${items.map((item) => `<li>${escapeHtml(item)}</li>`).join('')}</ul>`;
}

function tableHtml(header: string[], rows: string[][]): string {
  return `<table><thead><tr>${header.map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((value) => `<td>${value}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

const styles = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#101828;margin:24px auto;max-width:1280px;padding:0 16px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #eaecf0;padding-bottom:4px}
.meta{color:#475467}.totals{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.total{border:1px solid #eaecf0;border-radius:8px;padding:8px 14px;min-width:90px}.total strong{display:block;font-size:22px}
.error{color:#b42318}.warning{color:#b54708}.note{color:#175cd3}.muted{color:#667085}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{border:1px solid #eaecf0;padding:6px 8px;text-align:left;vertical-align:top}
th{background:#f9fafb}td{overflow-wrap:anywhere}td ul{margin:0;padding-left:16px}
svg{max-width:100%;height:auto}svg text{font:12px system-ui,sans-serif;fill:#344054}svg .heading{font-weight:600}svg .value{font-weight:600}
.legend span{margin-right:16px}pre{background:#f9fafb;border:1px solid #eaecf0;padding:8px;overflow:auto}
`;

/**
 * The weekly report as one self-contained HTML page: inline CSS and SVG, no script, no external
 * request (a Content-Security-Policy forbids them), every value from the scan escaped.
 */
export function renderWeeklyHtml(report: WeeklyReport): string {
  const { totals } = report;
  const sections: string[] = [];
  const change = report.change;
  sections.push(
    `<header><h1>profilint weekly report: ${escapeHtml(report.repositoryName)}</h1>`,
    `<p class="meta">${escapeHtml(report.generatedAt.slice(0, 10))} · profilint ${escapeHtml(report.toolVersion)} · ${countOf(report.filesScanned, 'file')} scanned</p></header>`,
    '<section class="totals" aria-label="Totals">',
    `<div class="total"><strong>${totals.open}</strong>open findings</div>`,
    `<div class="total error"><strong>${totals.error}</strong>errors</div>`,
    `<div class="total warning"><strong>${totals.warning}</strong>warnings</div>`,
    `<div class="total note"><strong>${totals.note}</strong>notes</div>`,
    `<div class="total muted"><strong>${totals.suppressed}</strong>suppressed</div>`,
    change === undefined
      ? ''
      : `<div class="total"><strong>+${change.added.length} / −${change.fixed.length}</strong>new / fixed since ${escapeHtml(change.previousDate)}</div>`,
    '</section>',
  );
  if (change === undefined && report.previousNote !== undefined) {
    sections.push(`<p class="muted">No comparison with a previous report: ${escapeHtml(report.previousNote)}</p>`);
  }

  sections.push('<h2>Findings by rule</h2>', ruleChart(report));
  sections.push(
    tableHtml(
      ['Rule', 'Errors', 'Warnings', 'Notes', 'Suppressed', 'New', 'Fixed'],
      report.byRule.map((count) => [
        `${escapeHtml(count.ruleId)}${count.description ? `<br><span class="muted">${escapeHtml(count.description)}</span>` : ''}`,
        String(count.error),
        String(count.warning),
        String(count.note),
        String(count.suppressed),
        String(count.added),
        String(count.fixed),
      ]),
    ),
  );
  if (change !== undefined && change.added.length + change.fixed.length > 0) {
    sections.push(
      '<h2>New and fixed since the previous report</h2>',
      tableHtml(
        ['Change', 'Rule', 'Severity', 'Location'],
        [
          ...change.added.map((finding) => ['new', finding] as const),
          ...change.fixed.map((finding) => ['fixed', finding] as const),
        ].map(([kind, finding]) => [kind, escapeHtml(finding.ruleId), escapeHtml(finding.severity), escapeHtml(`${finding.file}:${finding.line}`)]),
      ),
    );
  }

  sections.push('<h2>Trend</h2>', trendChart(report.history));
  sections.push(
    '<p class="legend"><span class="error">■ errors</span><span class="warning">■ warnings</span><span class="note">■ notes</span></p>',
  );

  sections.push('<h2>Profiling inventory</h2>');
  sections.push(
    report.inventory.length === 0
      ? '<p>No profiling pipeline found: no profiling spec, no <code>@profiling</code> tag and no profiling sink.</p>'
      : tableHtml(
          ['Pipeline', 'Owner', 'Purpose', 'Lawful basis', 'Sensitive attributes and proxies', 'Sinks and consent', 'Retention', 'Automated decision', 'Bias audit', 'Open findings'],
          report.inventory.map((row) => [
            `<strong>${escapeHtml(row.name)}</strong><br><span class="muted">${escapeHtml(describeRowLocation(row))}</span>${row.missingSpec ? '<br><span class="warning">no spec found for this @profiling tag</span>' : ''}`,
            escapeHtml(row.owner ?? (row.origin === 'spec' ? 'missing' : 'no spec')),
            escapeHtml(row.purpose ?? (row.origin === 'spec' ? 'missing' : 'no spec')),
            escapeHtml(row.lawfulBasis ?? (row.origin === 'spec' ? 'missing' : 'no spec')),
            list(countRepeats(row.attributes.map(describeAttribute)), 'none'),
            list(countRepeats(row.sinks.map(describeSink)), 'none'),
            escapeHtml(describeRetention(row)),
            escapeHtml(describeDecision(row)),
            escapeHtml(describeAudit(row.audit)),
            String(row.openFindings),
          ]),
        ),
  );

  sections.push('<h2>Data flow</h2>');
  sections.push(
    '<p class="muted">Sensitive attributes and proxies → pipelines → sinks. Dashed green edges are behind a consent check; thick red ones are not.</p>',
    flowChart(report.flow),
    ...report.flow.notes.map((note) => `<p class="muted">${escapeHtml(note)}</p>`),
  );
  if (report.flow.nodes.length > 0) {
    sections.push(`<details><summary>Mermaid source</summary><pre>${escapeHtml(renderMermaid(report.flow))}</pre></details>`);
  }

  sections.push('<h2>Suppressions</h2>');
  sections.push(
    report.suppressions.length === 0
      ? '<p>No suppression directive or baseline entry.</p>'
      : tableHtml(
          ['Location', 'Rules', 'Reason', 'Suppresses', 'Age'],
          report.suppressions.map((entry) => [
            escapeHtml(`${entry.file}:${entry.line}`) + (entry.kind === 'baseline' ? ' (baseline)' : ''),
            escapeHtml(describeSuppressedRules(entry)),
            entry.kind === 'baseline' ? 'baseline' : entry.reason === '' ? '<strong class="error">no reason: suppresses nothing</strong>' : escapeHtml(entry.reason),
            String(entry.suppressedCount),
            escapeHtml(describeAge(entry)),
          ]),
        ),
  );
  if (report.staleBaseline.length > 0) {
    sections.push(
      '<h3>Stale baseline entries</h3>',
      list(report.staleBaseline.map((notice) => (notice.file === undefined ? notice.message : `${notice.file}: ${notice.message}`)), 'none'),
    );
  }

  sections.push('<h2>Bias audits due</h2>');
  sections.push(
    report.audits.length === 0
      ? '<p>No fairness audit is stale or due within 30 days.</p>'
      : tableHtml(
          ['Pipeline', 'Spec', 'Last run', 'Status', 'Report'],
          report.audits.map((audit) => [
            escapeHtml(audit.pipeline),
            escapeHtml(`${audit.specFile}:${audit.specLine}`),
            escapeHtml(audit.assessment.lastRun ?? 'never'),
            escapeHtml(describeAudit(audit.assessment)),
            escapeHtml(audit.assessment.report ?? 'none'),
          ]),
        ),
  );

  if (report.notices.length > 0) {
    sections.push(
      '<h2>Scan notices</h2>',
      list(
        report.notices.map((notice) => {
          const where = notice.file === undefined ? '' : `${notice.file}${notice.line === undefined ? '' : `:${notice.line}`}: `;
          return `${notice.level}: ${where}${notice.message}`;
        }),
        'none',
      ),
    );
  }

  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>profilint weekly report: ${escapeHtml(report.repositoryName)}</title>`,
    `<style>${styles}</style>`,
    '</head>',
    '<body>',
    ...sections.filter((section) => section !== ''),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
