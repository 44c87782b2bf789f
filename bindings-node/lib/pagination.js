'use strict';
// A page of a list call, auto-paging through the core's `ops::next_page_params`.
const { abortError } = require('./errors');

class Page {
  /**
   * @param {object} fetcher  { fetch(next) -> PagePromise } for the following page
   * @param {Array} data      parsed items
   * @param {object} pagination parsed pagination ({page, perPage, total, totalPages})
   * @param {object|null} next the core's params for the next page, or null on the last page
   * @param {AbortSignal|null} signal the list call's signal: it also aborts the following pages
   *   and the iteration (which throws APIUserAbortError at the next item)
   */
  constructor(fetcher, data, pagination, next, signal = null) {
    this.data = data;
    this.pagination = pagination;
    Object.defineProperty(this, '_fetcher', { value: fetcher });
    Object.defineProperty(this, '_next', { value: next });
    Object.defineProperty(this, '_signal', { value: signal });
  }

  /** Whether another page follows. */
  hasNextPage() {
    return this._next !== null && this._next !== undefined;
  }

  /** Fetches the next page (null after the last one). */
  async getNextPage() {
    if (!this.hasNextPage()) return null;
    return this._fetcher(this._next);
  }

  /** Every page from this one on. */
  async *iterPages() {
    let page = this;
    while (page) {
      yield page;
      page = await page.getNextPage();
    }
  }

  /** Every item of this page and of every page after it (stops with APIUserAbortError on abort). */
  async *[Symbol.asyncIterator]() {
    const signal = this._signal;
    for await (const page of this.iterPages()) {
      for (const item of page.data) {
        if (signal && signal.aborted) throw abortError(signal, null);
        yield item;
      }
    }
  }
}

module.exports = { Page };
