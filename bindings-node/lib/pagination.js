'use strict';
// A page of a list call, auto-paging through the core's `ops::next_page_params`.

class Page {
  /**
   * @param {object} fetcher  { fetch(next) -> PagePromise } for the following page
   * @param {Array} data      parsed items
   * @param {object} pagination parsed pagination ({page, perPage, total, totalPages})
   * @param {object|null} next the core's params for the next page, or null on the last page
   */
  constructor(fetcher, data, pagination, next) {
    this.data = data;
    this.pagination = pagination;
    Object.defineProperty(this, '_fetcher', { value: fetcher });
    Object.defineProperty(this, '_next', { value: next });
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

  /** Every item of this page and of every page after it. */
  async *[Symbol.asyncIterator]() {
    for await (const page of this.iterPages()) {
      yield* page.data;
    }
  }
}

module.exports = { Page };
