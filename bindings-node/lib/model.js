'use strict';
// The base of the generated model classes (lib/models.js, from spec/openapi.yaml).
// A model copies the fields its schema names (camelCase), keeps the fields it does not know
// (a newer API's) as extra camelCase properties, keeps enum values it does not know as plain
// strings, and keeps `x-sensitive` fields (PAN, CVV, OTP, webhook secret) out of util.inspect,
// JSON.stringify and Object.keys: they are read through getters.
const util = require('node:util');
const { camel, camelDeep, USER_DATA } = require('./convert');

/** Sensitive values, by model: never own enumerable properties. @type {WeakMap<object, Record<string, unknown>>} */
const SECRETS = new WeakMap();
/** Generated classes by name. @type {Map<string, ModelClass>} */
const REGISTRY = new Map();
/**
 * Each class's known names (wire and camelCase), and the keys, in order, of the last object it
 * was built from that had no field it does not know (`clean`): objects of one API version share
 * their keys and order, so the next one is checked by comparing keys, not by name lookups.
 * @type {WeakMap<Function, { known: Set<string>, clean: string[] | null }>}
 */
const KNOWN = new WeakMap();

/**
 * An unknown field whose name has one of these words (`card_pin`, `pan_token`, `otp`,
 * `signing_secret`) may be a secret the SDK has not been told about: it is hidden like the
 * spec's `x-sensitive` fields (a getter, shown as [REDACTED]), not shown.
 */
const SENSITIVE_NAME = /(?:^|_)(?:pan|cvv|cvc|cvv2|otp|pin|secret|password|passcode|token)(?:_|$)/i;

/**
 * A generated model class: built from the object as the API sent it.
 * @typedef {new (raw: unknown) => Model} ModelClass
 * @typedef {[string, string, 'value' | 'model' | 'models' | 'data' | 'json', string | null, boolean]} FieldDescriptor
 */

/**
 * Field descriptor (Cls.fields): [camelName, wireName, kind, ref, sensitive]
 *   kind: 'value' | 'model' | 'models' | 'data' (user data, kept as given) | 'json' (generic)
 */
class Model {
  // Generated subclasses (lib/models.js) assign their fields in their own constructors.

  /**
   * @template {Model} T
   * @this {new (raw: unknown) => T}
   * @param {unknown} raw
   * @returns {T}
   */
  static fromJSON(raw) {
    return new this(raw);
  }

  /**
   * @param {number} depth
   * @param {util.InspectOptionsStylized} opts
   * @param {typeof util.inspect} [inspect]
   */
  [util.inspect.custom](depth, opts, inspect) {
    /** @type {Record<string, unknown>} */
    const shown = { .../** @type {object} */ (this) };
    const secrets = SECRETS.get(this);
    if (secrets) for (const name of Object.keys(secrets)) shown[name] = '[REDACTED]';
    if (depth < 0) return `[${this.constructor.name}]`;
    const nested = opts.depth === null || opts.depth === undefined ? opts.depth : opts.depth - 1;
    const body = (inspect ?? util.inspect)(shown, { ...opts, depth: nested });
    return `${this.constructor.name} ${body}`;
  }
}

/**
 * A nested model (or a generic camelCase copy when the value is not an object).
 * @param {ModelClass} Cls
 * @param {unknown} value
 */
function toModel(Cls, value) {
  if (value === null) return null;
  return typeof value === 'object' && !Array.isArray(value) ? new Cls(value) : camelDeep(value);
}

/**
 * An array of nested models.
 * @param {ModelClass} Cls
 * @param {unknown} value
 */
function toModels(Cls, value) {
  if (!Array.isArray(value)) return value;
  return value.map((v) => toModel(Cls, v));
}

/**
 * Stores a sensitive field out of sight (read through a getter).
 * @param {object} model
 * @param {string} name
 * @param {unknown} value
 */
function setSecret(model, name, value) {
  let secrets = SECRETS.get(model);
  if (!secrets) {
    secrets = Object.create(null);
    SECRETS.set(model, /** @type {Record<string, unknown>} */ (secrets));
  }
  /** @type {Record<string, unknown>} */ (secrets)[name] = value;
}

/**
 * A getter for the sensitive field `name` (non-enumerable: not in keys, spreads or JSON).
 * @param {string} name
 * @returns {PropertyDescriptor}
 */
function secretGetter(name) {
  return {
    enumerable: false,
    configurable: true,
    get() {
      const s = SECRETS.get(this);
      return s ? s[name] : undefined;
    },
  };
}

/**
 * Copies the fields of `raw` that `known` does not name onto `target`, camelCased like the
 * known ones (values converted as a generated field of kind 'json' would be; under `metadata`
 * keys are kept as given). A field never replaces a known field, a method or a getter, and one
 * whose name looks secret (SENSITIVE_NAME) is hidden behind a getter.
 * @param {object} target
 * @param {Record<string, unknown>} raw
 * @param {Set<string>} known wire and camelCase names of the known fields
 * @returns {boolean} true when `raw` has no field `known` does not name
 */
function addUnknownFields(target, raw, known) {
  return addUnknownKeys(target, raw, Object.keys(raw), known);
}

/**
 * addUnknownFields over `keys` (the own enumerable keys of `raw`).
 * @param {object} target
 * @param {Record<string, unknown>} raw
 * @param {string[]} keys
 * @param {Set<string>} known
 */
function addUnknownKeys(target, raw, keys, known) {
  let clean = true;
  for (const wire of keys) {
    if (known.has(wire)) continue;
    clean = false;
    const value = raw[wire];
    if (value === undefined) continue;
    const name = camel(wire);
    if (known.has(name) || name in target) continue;
    const converted = camelDeep(value, USER_DATA.has(wire));
    if (SENSITIVE_NAME.test(wire)) {
      setSecret(target, name, converted);
      Object.defineProperty(target, name, secretGetter(name));
    } else {
      Object.defineProperty(target, name, { value: converted, enumerable: true, writable: true, configurable: true });
    }
  }
  return clean;
}

/**
 * The generated constructors' last step: the fields of `raw` that `Cls` does not know.
 * Fast path: when `raw`'s enumerable keys are, in order, those of an earlier object found to
 * have only known fields (`for...in` lists every own enumerable key, so none is unknown).
 * @param {Model} model
 * @param {Record<string, unknown>} raw
 * @param {Function} Cls
 */
function unknownFields(model, raw, Cls) {
  const shape = KNOWN.get(Cls);
  if (!shape) return;
  const clean = shape.clean;
  if (clean !== null) {
    let i = 0;
    let same = true;
    for (const key in raw) {
      if (key !== clean[i]) {
        same = false;
        break;
      }
      i += 1;
    }
    if (same && i === clean.length) return;
  }
  const keys = Object.keys(raw);
  if (addUnknownKeys(model, raw, keys, shape.known)) shape.clean = keys;
}

/**
 * Registers a generated class and defines getters for its sensitive fields.
 * @param {ModelClass} Cls
 * @param {FieldDescriptor[]} fields
 */
function defineModel(Cls, fields) {
  Object.defineProperty(Cls, 'fields', { value: Object.freeze(fields) });
  KNOWN.set(Cls, { known: new Set(fields.flatMap(([name, wire]) => [name, wire])), clean: null });
  for (const [name, , , , sensitive] of fields) {
    if (sensitive) Object.defineProperty(Cls.prototype, name, secretGetter(name));
  }
  REGISTRY.set(Cls.name, Cls);
  return Cls;
}

/** @param {string} name */
function modelClass(name) {
  return REGISTRY.get(name);
}

module.exports = { Model, defineModel, modelClass, toModel, toModels, setSecret, unknownFields, addUnknownFields };
