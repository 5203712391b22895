// Lint every Cypher statement partykg sends to Neo4j with Neo4j's own parser and semantic
// analysis (@neo4j-cypher/language-support), against partykg's schema.
//
// stdin: {"schema": {labels, relationshipTypes, propertyKeys, graphSchema}, "statements": [{origin, cypher}]}
// (what `python -m graph.lint_statements` prints). Prints every problem with its origin and exits 1
// when there is any error. Our schema is the whole schema, so what the library reports as a
// schema warning is an error here: an unknown label, relationship type or property, and a pattern
// the schema cannot match (e.g. `(:Person)-[:OF]->`, a relationship from the wrong label).
// Other warnings (e.g. a cartesian product) are printed and do not fail the run.
import { readFileSync } from 'node:fs';
import { lintCypherQuery, isNotParamError, testData } from '@neo4j-cypher/language-support';

const CYPHER_VERSION = 'CYPHER 5'; // partykg targets Neo4j 5 servers
const SEVERITY_ERROR = 1;
const SCHEMA_VIOLATIONS = [
  /is not present in the database/, // unknown label, relationship type, property
  /^\[:.*\] has no (incoming|outgoing) \(:/, // relationship type never attached to that label
  /^\(:.*\) has no (incoming|outgoing) \[:/, // label never attached to that relationship type
];

// The built-in functions and procedures of Neo4j, as bundled with the library (its registry of a
// real server's). Plugins (APOC, GDS) are left out: a plain Neo4j server does not have them.
function builtins() {
  const registry = testData?.mockSchema;
  if (!registry?.functions?.[CYPHER_VERSION]) return {};
  const isPlugin = (name) => /^(apoc|gds)\./.test(name);
  const pick = (entries, keep) => Object.fromEntries(Object.entries(entries).filter(([name, v]) => keep(name, v)));
  const functions = pick(registry.functions[CYPHER_VERSION], (name, f) => f.isBuiltIn && !isPlugin(name));
  const procedures = pick(registry.procedures?.[CYPHER_VERSION] ?? {}, (name) => !isPlugin(name));
  return { functions: { [CYPHER_VERSION]: functions }, procedures: { [CYPHER_VERSION]: procedures } };
}

function lineAndColumn(text, offset) {
  const before = text.slice(0, offset).split('\n');
  return `${before.length}:${before.at(-1).length + 1}`;
}

const input = JSON.parse(readFileSync(0, 'utf8'));
const statements = input.statements ?? [];
const dbSchema = { ...input.schema, ...builtins(), defaultLanguage: CYPHER_VERSION };

let errors = 0;
let warnings = 0;
if (statements.length === 0) {
  console.log('ERROR no statements to lint: is `python -m graph.lint_statements` working?');
  errors += 1;
}
for (const { origin, cypher } of statements) {
  const { diagnostics } = lintCypherQuery(cypher, dbSchema, { consoleCommandsEnabled: false });
  for (const d of diagnostics.filter(isNotParamError)) {
    // Parameters are bound at run time, so "Parameter $x is not defined" is not a problem.
    const isError = d.severity === SEVERITY_ERROR || SCHEMA_VIOLATIONS.some((re) => re.test(d.message));
    if (isError) errors += 1;
    else warnings += 1;
    const where = d.offsets ? lineAndColumn(cypher, d.offsets.start) : '?';
    const snippet = d.offsets ? cypher.slice(d.offsets.start, d.offsets.end) : '';
    console.log(`${isError ? 'ERROR' : 'WARNING'} ${origin} ${where}: ${d.message.split('\n')[0]}` +
      (snippet ? ` [${snippet.replace(/\s+/g, ' ')}]` : ''));
  }
}
console.log(`cypher-lint: ${statements.length} statements, ${errors} errors, ${warnings} warnings`);
process.exit(errors > 0 ? 1 : 0);
