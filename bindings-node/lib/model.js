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
 * Field descriptor (Cls.fields): [camelName, wireName, kind, ref, sensitive]
 *   kind: 'value' | 'model' | 'models' | 'data' (user data, kept as given) | 'json' (generic)
 */
class Model {
  // Generated subclasses (lib/models.js) assign their fields in their own constructors.
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

/** A nested model (or a generic camelCase copy when the value is not an object). */
function toModel(Cls, value) {
  if (value === null) return null;
  return typeof value === 'object' && !Array.isArray(value) ? new Cls(value) : camelDeep(value);
}

/** An array of nested models. */
function toModels(Cls, value) {
  if (!Array.isArray(value)) return value;
  return value.map((v) => toModel(Cls, v));
}

/** Stores a sensitive field out of sight (read through the getter defineModel adds). */
function setSecret(model, name, value) {
  let secrets = SECRETS.get(model);
  if (!secrets) {
    secrets = Object.create(null);
    SECRETS.set(model, secrets);
  }
  secrets[name] = value;
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

module.exports = { Model, defineModel, modelClass, toModel, toModels, setSecret };
