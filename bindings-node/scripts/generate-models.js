#!/usr/bin/env node
'use strict';
// Generates the typed models of the Node package from spec/openapi.yaml:
//   lib/models.js  - one class per response schema (camelCase fields, x-sensitive fields behind
//                    getters), the op -> result table, params interfaces' runtime field lists
//   models.d.ts    - the matching TypeScript declarations (classes, params interfaces, enums)
// Run: node scripts/generate-models.js          (write)
//      node scripts/generate-models.js --check  (exit 1 when the checked-in files drift)
const fs = require('node:fs');
const path = require('node:path');
const YAML = require('yaml');

const PKG = path.resolve(__dirname, '..');
const SPEC = path.resolve(PKG, '..', 'spec', 'openapi.yaml');
const OUT_JS = path.join(PKG, 'lib', 'models.js');
const OUT_DTS = path.join(PKG, 'models.d.ts');
const OUT_MJS = path.join(PKG, 'models.mjs');

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];
// snake_case wire name to a JS identifier: "created_at" -> "createdAt", "3ds" -> "threeDs".
const camel = (k) => {
  const c = k.replace(/_([a-z0-9])/g, (_, ch) => ch.toUpperCase());
  return /^[0-9]/.test(c) ? DIGITS[Number(c[0])] + c[1].toUpperCase() + c.slice(2) : c;
};
const pascal = (s) =>
  s
    .split(/[._\s-]+/)
    .filter(Boolean)
    .map((p) => p[0].toUpperCase() + p.slice(1))
    .join('');
const refName = (ref) => ref.split('/').pop();
const USER_DATA = new Set(['metadata']);
const HTTP_METHODS = ['get', 'post', 'put', 'patch', 'delete'];

function load() {
  const spec = YAML.parse(fs.readFileSync(SPEC, 'utf8'));
  const schemas = (spec.components && spec.components.schemas) || {};
  return { spec, schemas };
}

function typesOf(s) {
  if (!s) return [];
  if (Array.isArray(s.type)) return s.type;
  return s.type ? [s.type] : [];
}

function isNullable(s) {
  return typesOf(s).includes('null') || s.nullable === true;
}

/** Resolves allOf of one $ref (a common 3.1 idiom for adding a description) to the $ref. */
function unwrap(s) {
  if (s && !s.$ref && Array.isArray(s.allOf) && s.allOf.length === 1) {
    return { ...s.allOf[0], nullable: s.nullable, type: s.type };
  }
  if (s && !s.$ref && Array.isArray(s.anyOf || s.oneOf)) {
    const alts = (s.anyOf || s.oneOf).filter((a) => !(typesOf(a).length === 1 && typesOf(a)[0] === 'null'));
    if (alts.length === 1) return { ...alts[0], nullable: true };
  }
  return s || {};
}

function isObjectSchema(s) {
  return s && (s.properties || typesOf(s).includes('object') || s.allOf);
}

function mergedProperties(name, schemas, seen = new Set()) {
  const s = schemas[name];
  if (!s || seen.has(name)) return { properties: {}, required: [] };
  seen.add(name);
  let properties = {};
  let required = [];
  for (const part of s.allOf || []) {
    if (part.$ref) {
      const m = mergedProperties(refName(part.$ref), schemas, seen);
      properties = { ...properties, ...m.properties };
      required = required.concat(m.required);
    } else {
      properties = { ...properties, ...(part.properties || {}) };
      required = required.concat(part.required || []);
    }
  }
  properties = { ...properties, ...(s.properties || {}) };
  required = required.concat(s.required || []);
  return { properties, required: [...new Set(required)] };
}

function classify(schemas) {
  const enums = [];
  const classes = [];
  const lists = new Map(); // list schema -> item schema
  for (const [name, s] of Object.entries(schemas)) {
    if (Array.isArray(s.enum) && !s.properties) {
      enums.push(name);
      continue;
    }
    if (!isObjectSchema(s)) continue;
    const { properties } = mergedProperties(name, schemas);
    const data = properties.data && unwrap(properties.data);
    if (properties.pagination && data && typesOf(data).includes('array') && data.items && data.items.$ref) {
      lists.set(name, refName(data.items.$ref));
      continue;
    }
    if (Object.keys(properties).length === 0) continue;
    classes.push(name);
  }
  return { enums, classes, lists };
}

// ---------------------------------------------------------------- TypeScript types
function tsType(s, ctx, mode) {
  s = unwrap(s);
  if (s.$ref) {
    const n = refName(s.$ref);
    const target = ctx.schemas[n];
    if (ctx.lists.has(n)) return `Page<${ctx.lists.get(n)}>`;
    if (mode === 'params' && target && !Array.isArray(target.enum) && ctx.requestSchemas.has(n)) return n;
    return n + (isNullable(s) ? ' | null' : '');
  }
  let t;
  const types = typesOf(s).filter((x) => x !== 'null');
  if (s.const !== undefined) t = JSON.stringify(s.const);
  else if (Array.isArray(s.enum)) {
    const lits = s.enum.filter((v) => v !== null).map((v) => JSON.stringify(v));
    t = mode === 'params' ? lits.join(' | ') : [...lits, '(string & {})'].join(' | ');
  } else if (s.oneOf || s.anyOf) {
    t = (s.oneOf || s.anyOf).map((a) => tsType(a, ctx, mode)).join(' | ');
  } else if (types.length > 1) {
    t = types.map((x) => tsType({ ...s, type: x }, ctx, mode)).join(' | ');
  } else {
    switch (types[0]) {
      case 'string':
        t = 'string';
        break;
      case 'integer':
      case 'number':
        t = 'number';
        break;
      case 'boolean':
        t = 'boolean';
        break;
      case 'array': {
        const inner = tsType(s.items || {}, ctx, mode);
        t = /[|& ]/.test(inner) ? `Array<${inner}>` : `${inner}[]`;
        break;
      }
      case 'object':
      default:
        if (s.properties) {
          const req = new Set(s.required || []);
          const parts = Object.entries(s.properties).map(
            ([k, v]) => `${camel(k)}${req.has(k) ? '' : '?'}: ${tsType(v, ctx, mode)}`,
          );
          t = `{ ${parts.join('; ')} }`;
        } else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
          t = `Record<string, ${tsType(s.additionalProperties, ctx, mode)}>`;
        } else if (types[0] === 'object' || s.additionalProperties === true) {
          t = 'Record<string, unknown>';
        } else {
          t = 'unknown';
        }
    }
  }
  if (isNullable(s) && mode !== 'params') t = `${t} | null`;
  return t;
}

function fieldKind(wire, s, ctx) {
  s = unwrap(s);
  if (USER_DATA.has(wire)) return ['data', null];
  if (s.$ref) {
    const n = refName(s.$ref);
    return ctx.classSet.has(n) ? ['model', n] : ['value', null];
  }
  const types = typesOf(s);
  if (types.includes('array')) {
    const it = unwrap(s.items || {});
    if (it.$ref && ctx.classSet.has(refName(it.$ref))) return ['models', refName(it.$ref)];
    if (it.properties) return ['json', null];
    return ['value', null];
  }
  if (s.properties) return ['json', null];
  if (types.includes('object') || s.additionalProperties) return ['data', null];
  return ['value', null];
}

function doc(text, indent) {
  if (!text) return '';
  const lines = String(text).trim().split('\n');
  return `${indent}/** ${lines.join(' ').replace(/\*\//g, '*\\/')} */\n`;
}

// ---------------------------------------------------------------- operations
function resolveParam(p, spec) {
  if (p.$ref) {
    const parts = p.$ref.replace(/^#\//, '').split('/');
    return parts.reduce((o, k) => (o ? o[k] : undefined), spec);
  }
  return p;
}

function operations(spec, ctx) {
  const ops = [];
  for (const [route, item] of Object.entries(spec.paths || {})) {
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op || !op.operationId || op['x-sandbox-admin']) continue;
      const params = [...(item.parameters || []), ...(op.parameters || [])].map((p) => resolveParam(p, spec));
      const query = params.filter((p) => p && p.in === 'query');
      const pathParams = params.filter((p) => p && p.in === 'path').map((p) => p.name);
      let body = null;
      const rb = op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
      if (rb && rb.schema && rb.schema.$ref) body = refName(rb.schema.$ref);
      let result = null;
      let list = false;
      for (const [code, resp] of Object.entries(op.responses || {})) {
        if (!/^2/.test(code)) continue;
        const c = resp.content && resp.content['application/json'];
        if (c && c.schema && c.schema.$ref) {
          const n = refName(c.schema.$ref);
          if (ctx.lists.has(n)) {
            result = ctx.lists.get(n);
            list = true;
          } else result = n;
        }
      }
      ops.push({
        id: op.operationId,
        method,
        route,
        query,
        pathParams,
        body,
        result,
        list,
        bodyRequired: Boolean(op.requestBody && op.requestBody.required),
      });
    }
  }
  return ops;
}

function webhookEvents(spec) {
  const out = [];
  for (const [type, item] of Object.entries(spec.webhooks || {})) {
    const op = item.post;
    const c = op && op.requestBody && op.requestBody.content && op.requestBody.content['application/json'];
    if (c && c.schema && c.schema.$ref) out.push([type, refName(c.schema.$ref)]);
  }
  return out;
}

// ---------------------------------------------------------------- emit
function generate() {
  const { spec, schemas } = load();
  const { enums, classes, lists } = classify(schemas);
  const ctx = { schemas, lists, classSet: new Set(), requestSchemas: new Set() };
  const ops0 = operations(spec, ctx);
  for (const o of ops0) if (o.body) ctx.requestSchemas.add(o.body);
  for (const name of Object.keys(schemas)) if (/Params$/.test(name)) ctx.requestSchemas.add(name);
  const modelClasses = classes.filter((c) => !ctx.requestSchemas.has(c) && c !== 'Error' && c !== 'ErrorBody');
  for (const c of modelClasses) ctx.classSet.add(c);
  const ops = operations(spec, ctx);
  const events = webhookEvents(spec);
  const header = '// GENERATED by scripts/generate-models.js from spec/openapi.yaml. Do not edit by hand.\n';

  // lib/models.js
  let js = `${header}'use strict';\nconst { Model, defineModel, modelClass, toModel, toModels, setSecret, unknownFields } = require('./model');\nconst { camelDeep } = require('./convert');\n\n`;
  for (const name of modelClasses) {
    const s = schemas[name];
    const { properties } = mergedProperties(name, schemas);
    js += doc(s.description || s.title, '');
    // A constructor per class (direct assignments: V8 keeps one object shape per model).
    js += `class ${name} extends Model {\n  /** @param {unknown} input the object as the API sent it (snake_case) */\n  constructor(input) {\n    super();\n`;
    js += `    if (input === null || typeof input !== 'object') return;\n`;
    js += `    const raw = /** @type {Record<string, unknown>} */ (input);\n    let v;\n`;
    for (const [wire, ps] of Object.entries(properties)) {
      const [kind, ref] = fieldKind(wire, ps, ctx);
      const sensitive = Boolean(unwrap(ps)['x-sensitive'] || ps['x-sensitive']);
      const key = camel(wire);
      let value = 'v';
      if (kind === 'model') value = `toModel(${ref}, v)`;
      else if (kind === 'models') value = `toModels(${ref}, v)`;
      else if (kind === 'json') value = 'camelDeep(v)';
      const assign = sensitive ? `setSecret(this, ${JSON.stringify(key)}, ${value})` : `this.${key} = ${value}`;
      js += `    if ((v = raw[${JSON.stringify(wire)}]) !== undefined) ${assign};\n`;
    }
    // Fields a newer API sends that the spec does not name yet: kept, camelCased (lib/model.js).
    js += `    unknownFields(this, raw, ${name});\n`;
    js += `  }\n}\n`;
    const fields = Object.entries(properties).map(([wire, ps]) => {
      const [kind, ref] = fieldKind(wire, ps, ctx);
      const sensitive = Boolean(unwrap(ps)['x-sensitive'] || ps['x-sensitive']);
      return `  [${JSON.stringify(camel(wire))}, ${JSON.stringify(wire)}, '${kind}', ${ref ? JSON.stringify(ref) : 'null'}, ${sensitive}],`;
    });
    js += `defineModel(${name}, [\n${fields.join('\n')}\n]);\n\n`;
  }
  js += '/** Result model of each operation (the item model for list operations). */\n';
  js += '/** @type {Record<string, string | null>} */\nconst RESULTS = {\n';
  for (const o of ops)
    js += `  ${JSON.stringify(o.id)}: ${o.result && ctx.classSet.has(o.result) ? JSON.stringify(o.result) : 'null'},\n`;
  js += '};\n\n/** Operations that answer a page ({ data, pagination }). */\n';
  js += `const LIST_OPERATIONS = new Set(${JSON.stringify(ops.filter((o) => o.list).map((o) => o.id))});\n\n`;
  js += '/** Model of each webhook event type. @type {Record<string, string | null>} */\nconst EVENTS = {\n';
  for (const [type, n] of events)
    js += `  ${JSON.stringify(type)}: ${ctx.classSet.has(n) ? JSON.stringify(n) : 'null'},\n`;
  js += '};\n\n';
  js += `/**
 * The result of \`op\` (an item, for list operations) as its model.
 * @param {string} op
 * @param {unknown} raw
 */
function parseResult(op, raw) {
  if (raw === null || raw === undefined) return null;
  const name = RESULTS[op];
  const Cls = name ? modelClass(name) : undefined;
  return Cls ? new Cls(raw) : camelDeep(raw);
}

/** @param {unknown} raw */
function parsePagination(raw) {
  const Cls = modelClass('Pagination');
  if (raw === null || raw === undefined) return null;
  return Cls ? new Cls(raw) : camelDeep(raw);
}

/**
 * A webhook event as the model of its \`type\`.
 * @param {unknown} raw
 */
function parseEvent(raw) {
  const type = raw !== null && typeof raw === 'object' ? /** @type {{ type?: unknown }} */ (raw).type : undefined;
  const name = typeof type === 'string' ? EVENTS[type] : null;
  const Cls = name ? modelClass(name) : modelClass('Event');
  return Cls ? new Cls(raw) : camelDeep(raw);
}

module.exports = {
${modelClasses.map((c) => `  ${c},`).join('\n')}
  RESULTS,
  LIST_OPERATIONS,
  EVENTS,
  parseResult,
  parsePagination,
  parseEvent,
};
`;

  // models.d.ts
  let dts = `${header}// Response models are classes (fields camelCase; unknown enum values stay plain strings).\n`;
  dts += '// Fields the API sends that this SDK does not know yet are kept too: see WithUnknownFields.\n';
  dts += '// Params interfaces are what the resource methods take (camelCase; metadata keys stay as given).\n\n';
  dts += `/**
 * A model (or a Page) together with the fields a newer API sent that this SDK does not declare yet.
 * They are own properties named in camelCase like the declared ones (\`sandbox_future_field\` ->
 * \`sandboxFutureField\`; nested keys camelCased too, except under \`metadata\`); they never replace a
 * declared field or method. One whose name looks secret (a word such as pan, cvv, otp, pin, secret,
 * token) is hidden like the PAN: a getter, left out of util.inspect, JSON.stringify and Object.keys.
 * The declared types leave them out so that a misspelt field stays a type error: read one with
 * \`(card as WithUnknownFields<Card>).newField\`.
 */
export type WithUnknownFields<T> = T & { readonly [field: string]: unknown };

`;
  dts += `/** A page of a list call: this page's items, its pagination, and \`for await\` over every item of every page. */
export declare class Page<Item> implements AsyncIterable<Item> {
  readonly data: Item[];
  readonly pagination: Pagination | null;
  hasNextPage(): boolean;
  getNextPage(): Promise<Page<Item> | null>;
  iterPages(): AsyncGenerator<Page<Item>, void, undefined>;
  [Symbol.asyncIterator](): AsyncGenerator<Item, void, undefined>;
}

`;
  for (const name of enums) {
    const s = schemas[name];
    dts += doc(s.description, '');
    dts += `export type ${name} = ${[...s.enum.filter((v) => v !== null).map((v) => JSON.stringify(v)), '(string & {})'].join(' | ')};\n\n`;
  }
  for (const [name, s] of Object.entries(schemas)) {
    if (enums.includes(name) || ctx.classSet.has(name) || lists.has(name) || ctx.requestSchemas.has(name)) continue;
    if (name === 'Error') continue; // the error body: surfaced as the error classes, never as a model
    dts += doc(s.description, '');
    dts += `export type ${name} = ${tsType(s, ctx, 'result')};\n\n`;
  }
  for (const name of modelClasses) {
    const s = schemas[name];
    const { properties, required } = mergedProperties(name, schemas);
    const req = new Set(required);
    const about = (s.description || s.title || '').trim();
    dts += doc(`${about}${about ? ' ' : ''}Unknown fields: see WithUnknownFields.`, '');
    dts += `export declare class ${name} {\n`;
    for (const [wire, ps] of Object.entries(properties)) {
      const sensitive = Boolean(unwrap(ps)['x-sensitive'] || ps['x-sensitive']);
      const note = sensitive ? ' Sensitive: hidden from util.inspect and JSON.stringify; read it explicitly.' : '';
      dts += doc(`${(ps.description || unwrap(ps).description || '').trim()}${note}`.trim(), '  ');
      const t = tsType(ps, ctx, 'result');
      dts += `  readonly ${camel(wire)}${req.has(wire) ? '' : '?'}: ${t};\n`;
    }
    dts += `  static fromJSON(raw: Record<string, unknown>): ${name};\n}\n\n`;
  }
  // params: request bodies
  for (const name of [...ctx.requestSchemas].filter((n) => schemas[n])) {
    const s = schemas[name];
    const { properties, required } = mergedProperties(name, schemas);
    const req = new Set(required);
    dts += doc(s.description, '');
    dts += `export interface ${name} {\n`;
    for (const [wire, ps] of Object.entries(properties)) {
      dts += doc(ps.description, '  ');
      dts += `  ${camel(wire)}${req.has(wire) ? '' : '?'}: ${tsType(ps, ctx, 'params')};\n`;
    }
    dts += '}\n\n';
  }
  // params: query strings
  for (const o of ops) {
    if (o.query.length === 0) continue;
    const name = `${pascal(o.id)}Params`;
    if (ctx.requestSchemas.has(name)) continue;
    dts += `/** Query parameters of \`${o.id}\` (${o.method.toUpperCase()} ${o.route}). */\nexport interface ${name} {\n`;
    for (const q of o.query) {
      dts += doc(q.description, '  ');
      dts += `  ${camel(q.name)}${q.required ? '' : '?'}: ${tsType(q.schema || {}, ctx, 'params')};\n`;
    }
    dts += '}\n\n';
  }
  const eventNames = events.map(([, n]) => n).filter((n) => ctx.classSet.has(n));
  dts += `/** Any webhook event (discriminate on \`type\`). */\nexport type WebhookEvent = ${eventNames.length ? eventNames.join(' | ') : 'Record<string, unknown>'};\n`;
  // models.mjs: the model classes as ESM named exports (index.mjs re-exports them).
  const mjs = `${header}import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const models = require('./lib/models.js');

export const {
${modelClasses.map((c) => `  ${c},`).join('\n')}
} = models;
`;
  return { js, dts, mjs, ops, ctx };
}

function main() {
  const { js, dts, mjs } = generate();
  const check = process.argv.includes('--check');
  const outputs = [
    [OUT_JS, js],
    [OUT_DTS, dts],
    [OUT_MJS, mjs],
  ];
  let drift = false;
  for (const [file, text] of outputs) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (current === text) continue;
    if (check) {
      drift = true;
      console.error(`drift: ${path.relative(PKG, file)} differs from what spec/openapi.yaml generates`);
    } else {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(PKG, file)}`);
    }
  }
  if (check && drift) {
    console.error('run: node bindings-node/scripts/generate-models.js');
    process.exit(1);
  }
}

if (require.main === module) main();
module.exports = { generate };
