'use strict';
// The base of the generated model classes (lib/models.js, from spec/openapi.yaml).
// A model copies the fields its schema names (camelCase), ignores unknown ones, keeps enum
// values it does not know as plain strings, and keeps `x-sensitive` fields (PAN, CVV, webhook
// secret) out of util.inspect, JSON.stringify and Object.keys: they are read through getters.
const util = require('node:util');
const { camelDeep } = require('./convert');

const SECRETS = new WeakMap();
const REGISTRY = new Map();

/**
 * Field descriptor: [camelName, wireName, kind, ref, sensitive]
 *   kind: 'value' | 'model' | 'models' | 'data' (user data, kept as given) | 'json' (generic)
 */
class Model {
  constructor(raw) {
    const fields = this.constructor.fields;
    if (raw === null || typeof raw !== 'object') return;
    let secrets = null;
    for (const [name, wire, kind, ref, sensitive] of fields) {
      if (!Object.prototype.hasOwnProperty.call(raw, wire)) continue;
      const value = convertField(raw[wire], kind, ref);
      if (sensitive) {
        if (!secrets) {
          secrets = Object.create(null);
          SECRETS.set(this, secrets);
        }
        secrets[name] = value;
      } else {
        this[name] = value;
      }
    }
  }

  static fromJSON(raw) {
    return new this(raw);
  }

  [util.inspect.custom](depth, opts, inspect) {
    const shown = { ...this };
    const secrets = SECRETS.get(this);
    if (secrets) for (const name of Object.keys(secrets)) shown[name] = '[REDACTED]';
    if (depth < 0) return `[${this.constructor.name}]`;
    const body = (inspect ?? util.inspect)(shown, { ...opts, depth: opts.depth === null ? null : opts.depth - 1 });
    return `${this.constructor.name} ${body}`;
  }
}

function convertField(value, kind, ref) {
  if (value === null || value === undefined) return value ?? null;
  switch (kind) {
    case 'model': {
      const Cls = REGISTRY.get(ref);
      return Cls && typeof value === 'object' && !Array.isArray(value) ? new Cls(value) : camelDeep(value);
    }
    case 'models': {
      const Cls = REGISTRY.get(ref);
      return Array.isArray(value)
        ? value.map((v) => (Cls && v && typeof v === 'object' ? new Cls(v) : camelDeep(v)))
        : value;
    }
    case 'data':
      return value;
    case 'json':
      return camelDeep(value);
    default:
      return value;
  }
}

/** Registers a generated class and defines getters for its sensitive fields. */
function defineModel(Cls, fields) {
  Object.defineProperty(Cls, 'fields', { value: Object.freeze(fields) });
  for (const [name, , , , sensitive] of fields) {
    if (!sensitive) continue;
    Object.defineProperty(Cls.prototype, name, {
      enumerable: false,
      configurable: true,
      get() {
        const s = SECRETS.get(this);
        return s ? s[name] : undefined;
      },
    });
  }
  REGISTRY.set(Cls.name, Cls);
  return Cls;
}

function modelClass(name) {
  return REGISTRY.get(name);
}

module.exports = { Model, defineModel, modelClass };
