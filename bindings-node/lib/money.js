'use strict';
// Amounts are JavaScript numbers (as the API's JSON carries them: 19.99, not "19.99" or 1999).
// Binary floats cannot hold most decimal fractions exactly, so arithmetic on them drifts
// (0.1 + 0.2 === 0.30000000000000004). These helpers convert to and from whole cents (safe
// integers: exact arithmetic up to 90 trillion) for code that adds, compares or stores money.
// The core sends every amount rounded to cents, so a drifted value such as 0.1 + 0.2 is sent
// as 0.3 either way.
const { validation } = require('./errors');

/**
 * Float noise allowed around a whole cent (in currency units): the same bound as the core's
 * check of amounts (1e-6 cent), widened for very large amounts to a few units in the last place.
 * @param {number} amount
 */
function tolerance(amount) {
  return Math.max(1e-8, Math.abs(amount) * 8 * Number.EPSILON);
}

/**
 * An amount (19.99) as whole cents (1999). Exact for every amount with at most two decimals,
 * including values carrying float noise from arithmetic (`toCents(0.1 + 0.2) === 30`). An amount
 * with a fraction of a cent (0.125), or beyond the safe-integer range, is a ValidationError:
 * round it yourself first if that is what you mean.
 * @param {number} amount
 * @returns {number}
 */
function toCents(amount) {
  if (typeof amount !== 'number' || !Number.isFinite(amount)) {
    throw validation('amount', 'amount must be a finite number');
  }
  const cents = Math.round(amount * 100);
  if (!Number.isSafeInteger(cents)) {
    throw validation('amount', 'amount is too large to be counted in cents exactly');
  }
  if (Math.abs(amount - cents / 100) > tolerance(amount)) {
    throw validation('amount', 'amount must have at most 2 decimal places');
  }
  return cents === 0 ? 0 : cents; // never -0
}

/**
 * Whole cents (1999) as an amount (19.99): the number closest to the decimal value, which is
 * the one the API sends and parses.
 * @param {number} cents
 * @returns {number}
 */
function fromCents(cents) {
  if (!Number.isSafeInteger(cents)) {
    throw validation('cents', 'cents must be a whole number (a safe integer)');
  }
  const amount = cents / 100;
  return amount === 0 ? 0 : amount;
}

module.exports = { toCents, fromCents };
