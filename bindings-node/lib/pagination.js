'use strict';
// A page of a list call. The params of the next page come from the core with the page
// (`Output::next_page`): nothing here looks at the page's content to find them.
const { abortError } = require('./errors');
const { addUnknownFields } = require('./model');

/** Names a list answer's own fields may not take on a Page (its fields and methods). */
const PAGE_KNOWN = new Set(['data', 'pagination']);

/**
 * @template Item
 * @typedef {(next: Record<string, unknown>) => Promise<Page<Item>>} PageFetcher
 */

/** @template Item */
class Page {
  /** @type {PageFetcher<Item>} */
  #fetcher;
  /** @type {Record<string, unknown> | null} */
  #next;
  /** @type {AbortSignal | null} */
  #signal;

  /**
   * @param {PageFetcher<Item>} fetcher fetches the page the given params name
   * @param {Item[]} data parsed items
   * @param {object | null} pagination parsed pagination ({page, perPage, total, totalPages})
   * @param {Record<string, unknown> | null} next the core's params for the next page, or null on the last page
   * @param {AbortSignal | null} [signal] the list call's signal: it also aborts the following pages
   *   and the iteration (which throws APIUserAbortError at the next item)
   * @param {unknown} [raw] the list answer as sent: its fields other than data and pagination
   *   (a newer API's) are kept on the page, camelCased, as on models
   */
  constructor(fetcher, data, pagination, next, signal = null, raw = null) {
    this.data = data;
    this.pagination = pagination;
    this.#fetcher = fetcher;
    this.#next = next;
    this.#signal = signal;
    if (raw !== null && typeof raw === 'object' && !Array.isArray(raw)) {
      addUnknownFields(this, /** @type {Record<string, unknown>} */ (raw), PAGE_KNOWN);
    }
  }

  /** Whether another page follows. */
  hasNextPage() {
    return this.#next !== null && this.#next !== undefined;
  }

  /**
   * Fetches the next page (null after the last one).
   * @returns {Promise<Page<Item> | null>}
   */
  async getNextPage() {
    if (this.#next === null || this.#next === undefined) return null;
    return this.#fetcher(this.#next);
  }

  /**
   * Every page from this one on.
   * @returns {AsyncGenerator<Page<Item>, void, undefined>}
   */
  async *iterPages() {
    /** @type {Page<Item> | null} */
    let page = this;
    while (page) {
      yield page;
      page = await page.getNextPage();
    }
  }

  /**
   * Every item of this page and of every page after it (stops with APIUserAbortError on abort).
   * @returns {AsyncGenerator<Item, void, undefined>}
   */
  async *[Symbol.asyncIterator]() {
    const signal = this.#signal;
    for await (const page of this.iterPages()) {
      for (const item of page.data) {
        if (signal && signal.aborted) throw abortError(signal, null);
        yield item;
      }
    }
  }
}

module.exports = { Page };
