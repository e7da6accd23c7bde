import type { InventoryRow, InventorySink } from './inventory.js';

/** How many nodes of each column the diagram draws before grouping the rest. */
export interface DiagramLimits {
  pipelines: number;
  attributes: number;
  sinks: number;
}

export const defaultDiagramLimits: DiagramLimits = { pipelines: 25, attributes: 20, sinks: 20 };

/** A node of the data-flow diagram: an attribute group, a pipeline or a sink group. */
export interface FlowNode {
  id: string;
  label: string;
  column: 'attribute' | 'pipeline' | 'sink';
  /** Stands for several grouped entries beyond the limit. */
  grouped: boolean;
  /** Sensitive (vs proxy) for attributes; third-party for sinks. */
  emphasis: boolean;
}

export interface FlowEdge {
  from: string;
  to: string;
  /** For pipeline → sink edges: whether every call of that sink from the pipeline is behind a consent check. */
  consent?: InventorySink['consent'];
}

/** The attributes → pipelines → sinks graph both the Mermaid text and the HTML chart draw. */
export interface FlowGraph {
  nodes: FlowNode[];
  edges: FlowEdge[];
  /** What was left out or grouped to keep the diagram readable; empty when everything is drawn. */
  notes: string[];
}

const consentRank: Record<InventorySink['consent'], number> = { guarded: 0, 'wrong-purpose': 1, unguarded: 2 };

function rowWeight(row: InventoryRow): number {
  const ungated = row.sinks.filter((sink) => sink.consent !== 'guarded').length;
  const unjustified = row.attributes.filter((attribute) => attribute.status === 'unjustified').length;
  return ungated * 10 + unjustified * 5 + row.attributes.length + row.sinks.length;
}

function attributeKey(attribute: InventoryRow['attributes'][number]): string {
  return `${attribute.kind}\0${attribute.category || attribute.name}`;
}

function sinkKey(sink: InventorySink): string {
  return `${sink.kind}\0${sink.callee}`;
}

function keepMostUsed(keys: Map<string, number>, limit: number): Set<string> {
  const ranked = [...keys].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return new Set(ranked.slice(0, limit).map(([key]) => key));
}

// GitHub's Mermaid refuses to draw a flowchart with more than 500 edges; stay well under it.
const maxEdges = 400;

/**
 * Builds the data-flow graph from the inventory: one node per attribute category, pipeline and sink
 * (callee), keeping the most connected ones up to the limits and grouping the rest, with a note for each
 * cut. When the edges would still be too many to render, fewer pipelines are drawn.
 */
export function buildFlowGraph(rows: InventoryRow[], limits: DiagramLimits = defaultDiagramLimits): FlowGraph {
  let graph = buildLimitedGraph(rows, limits);
  let pipelines = limits.pipelines;
  while (graph.edges.length > maxEdges && pipelines > 1) {
    pipelines = Math.max(1, Math.floor(pipelines * 0.75));
    graph = buildLimitedGraph(rows, { ...limits, pipelines });
  }
  return graph;
}

function buildLimitedGraph(rows: InventoryRow[], limits: DiagramLimits): FlowGraph {
  const drawable = rows.filter((row) => row.attributes.length > 0 || row.sinks.length > 0);
  const ranked = [...drawable].sort((a, b) => rowWeight(b) - rowWeight(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const shown = ranked.slice(0, limits.pipelines);
  const notes: string[] = [];
  if (ranked.length > shown.length) {
    notes.push(`${ranked.length - shown.length} of ${ranked.length} pipelines are not drawn (the least connected); the inventory lists them all.`);
  }

  const attributeUse = new Map<string, number>();
  const sinkUse = new Map<string, number>();
  for (const row of shown) {
    for (const attribute of row.attributes) attributeUse.set(attributeKey(attribute), (attributeUse.get(attributeKey(attribute)) ?? 0) + 1);
    for (const sink of row.sinks) sinkUse.set(sinkKey(sink), (sinkUse.get(sinkKey(sink)) ?? 0) + 1);
  }
  const keptAttributes = keepMostUsed(attributeUse, limits.attributes);
  const keptSinks = keepMostUsed(sinkUse, limits.sinks);
  if (attributeUse.size > keptAttributes.size) {
    notes.push(`${attributeUse.size - keptAttributes.size} less used attribute categories are grouped as "other attributes".`);
  }
  if (sinkUse.size > keptSinks.size) {
    notes.push(`${sinkUse.size - keptSinks.size} less used sinks are grouped as "other sinks".`);
  }

  const nodes: FlowNode[] = [];
  const nodeIds = new Map<string, string>();
  const nodeFor = (key: string, make: (id: string) => FlowNode): string => {
    let id = nodeIds.get(key);
    if (id === undefined) {
      id = make(`n${nodeIds.size + 1}`).id;
      nodeIds.set(key, id);
    }
    return id;
  };
  const addNode = (node: FlowNode): FlowNode => {
    nodes.push(node);
    return node;
  };

  const edgeConsent = new Map<string, FlowEdge>();
  for (const row of shown) {
    const pipelineId = nodeFor(`pipeline\0${row.name}\0${row.specFile ?? ''}\0${row.specLine ?? ''}`, (id) =>
      addNode({ id, label: row.name, column: 'pipeline', grouped: false, emphasis: false }),
    );
    for (const attribute of row.attributes) {
      const key = attributeKey(attribute);
      const kept = keptAttributes.has(key);
      const attributeId = kept
        ? nodeFor(`attribute\0${key}`, (id) =>
            addNode({
              id,
              label: `${attribute.category || attribute.name} (${attribute.kind})`,
              column: 'attribute',
              grouped: false,
              emphasis: attribute.kind === 'sensitive',
            }),
          )
        : nodeFor('attribute\0other', (id) => addNode({ id, label: 'other attributes', column: 'attribute', grouped: true, emphasis: false }));
      edgeConsent.set(`${attributeId}\0${pipelineId}`, { from: attributeId, to: pipelineId });
    }
    for (const sink of row.sinks) {
      const key = sinkKey(sink);
      const sinkId = keptSinks.has(key)
        ? nodeFor(`sink\0${key}`, (id) =>
            addNode({
              id,
              label: `${sink.callee} (${sink.kind}${sink.thirdParty ? ', third party' : ''})`,
              column: 'sink',
              grouped: false,
              emphasis: sink.thirdParty,
            }),
          )
        : nodeFor('sink\0other', (id) => addNode({ id, label: 'other sinks', column: 'sink', grouped: true, emphasis: false }));
      const edgeKey = `${pipelineId}\0${sinkId}`;
      const existing = edgeConsent.get(edgeKey);
      // One ungated call makes the whole edge ungated: that path reaches the sink without consent.
      if (existing === undefined || consentRank[sink.consent] > consentRank[existing.consent ?? 'guarded']) {
        edgeConsent.set(edgeKey, { from: pipelineId, to: sinkId, consent: sink.consent });
      }
    }
  }
  return { nodes, edges: [...edgeConsent.values()], notes };
}

// Mermaid reads `#code;` as a character entity; everything but plain word characters is written that way,
// so text from scanned code cannot close the label, start a link or inject markup.
function mermaidLabel(text: string): string {
  const shortened = text.length > 60 ? `${text.slice(0, 57)}...` : text;
  return [...shortened].map((character) => (/[A-Za-z0-9 _]/.test(character) ? character : `#${character.codePointAt(0)};`)).join('');
}

const edgeArrows: Record<InventorySink['consent'], string> = {
  guarded: '-. consent .->',
  'wrong-purpose': '== wrong purpose ==>',
  unguarded: '== no consent check ==>',
};

/**
 * The graph as a Mermaid flowchart (GitHub renders it): attributes → pipelines → sinks in three
 * subgraphs; consent-gated edges dotted, ungated ones thick and labelled.
 */
export function renderMermaid(graph: FlowGraph): string {
  const lines = ['flowchart LR'];
  const columns: [FlowNode['column'], string][] = [
    ['attribute', 'Sensitive attributes and proxies'],
    ['pipeline', 'Pipelines'],
    ['sink', 'Sinks'],
  ];
  for (const [column, title] of columns) {
    const members = graph.nodes.filter((node) => node.column === column);
    if (members.length === 0) continue;
    lines.push(`  subgraph ${column}s["${mermaidLabel(title)}"]`);
    for (const node of members) {
      const label = mermaidLabel(node.label);
      lines.push(column === 'pipeline' ? `    ${node.id}["${label}"]` : `    ${node.id}(["${label}"])`);
    }
    lines.push('  end');
  }
  for (const edge of graph.edges) {
    lines.push(`  ${edge.from} ${edge.consent === undefined ? '-->' : edgeArrows[edge.consent]} ${edge.to}`);
  }
  const sensitive = graph.nodes.filter((node) => node.column === 'attribute' && node.emphasis).map((node) => node.id);
  const thirdParty = graph.nodes.filter((node) => node.column === 'sink' && node.emphasis).map((node) => node.id);
  if (sensitive.length > 0 || thirdParty.length > 0) {
    lines.push('  classDef sensitive fill:#fde2e1,stroke:#b42318');
    lines.push('  classDef thirdParty fill:#fef0c7,stroke:#b54708');
  }
  if (sensitive.length > 0) lines.push(`  class ${sensitive.join(',')} sensitive`);
  if (thirdParty.length > 0) lines.push(`  class ${thirdParty.join(',')} thirdParty`);
  return lines.join('\n');
}
