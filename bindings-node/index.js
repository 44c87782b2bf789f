'use strict';
// cryptotopcard: the official Node.js SDK for the CryptoTopCard API.
// All logic lives in the Rust core (bindings-node/src, via N-API); this layer converts names
// and values and turns results into model classes and errors into error classes.
const { CryptoTopCard, VERSION } = require('./lib/client');
const errors = require('./lib/errors');
const models = require('./lib/models');
const { Page } = require('./lib/pagination');
const { APIPromise, PagePromise } = require('./lib/api-promise');
const { verifyWebhook, constructEvent, generateTestSignature } = require('./lib/webhook');
const { toCents, fromCents } = require('./lib/money');

const { CLASSES: errorClasses } = errors;
const { RESULTS, LIST_OPERATIONS, EVENTS, parseResult, parsePagination, parseEvent, ...modelClasses } = models;

module.exports = {
  CryptoTopCard,
  default: CryptoTopCard,
  VERSION,
  verifyWebhook,
  constructEvent,
  generateTestSignature,
  toCents,
  fromCents,
  Page,
  APIPromise,
  PagePromise,
  ...errorClasses,
  ...modelClasses,
};
