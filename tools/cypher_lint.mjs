// Lint Cypher with Neo4j's own linter (@neo4j-cypher/language-support).
// stdin:  {"schema": {"labels": [...], "relationshipTypes": [...]},
//          "queries": [{"name": "...", "text": "..."}]}
// stdout: {"<name>": [{"severity": "error"|"warning"|..., "message": "...",
//                      "line": 1-based, "column": 1-based}], ...}
// Labels and relationship types outside the schema come back as warnings, so a
// label that is not in graph/model.py cannot pass.
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const SEVERITY = { 1: 'error', 2: 'warning', 3: 'information', 4: 'hint' };

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  const { schema, queries } = JSON.parse(input);
  const report = {};
  for (const { name, text } of queries) {
    const { diagnostics } = lintCypherQuery(text, schema);
    report[name] = diagnostics.map((d) => ({
      severity: SEVERITY[d.severity] ?? String(d.severity),
      message: d.message,
      line: d.range.start.line + 1,
      column: d.range.start.character + 1,
    }));
  }
  process.stdout.write(JSON.stringify(report));
});
