// The search page in a real browser (tests/write/test_search_browser.py): /cari/ of a built
// site, served at --url, opened in Debian's Chromium for each query; prints, as JSON, what a
// reader sees: the results' links, titles and excerpts, and the filters offered. A query may
// tick one filter value ({"q": …, "filter": ["lokasi", "Kota Kupang"]}) before its results are read.
// Every request off the served host is refused.
//
//   node e2e/search.mjs --url http://127.0.0.1:PORT/ --queries '[{"q":"zebra"}]' [--chromium PATH]
import { chromium } from "playwright-core";

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const base = new URL(option("--url", "http://127.0.0.1:8000/"));
const queries = JSON.parse(option("--queries", "[]"));
const executablePath = option("--chromium", process.env.CHROMIUM || "/usr/bin/chromium");

async function settled(page) {
  // Pagefind's UI writes its message ("N hasil …" or "tidak ada hasil") when a search ends,
  // then loads each shown result's fragment: wait until every shown result has its link
  // and nothing changed for a moment.
  let last = "";
  let same = 0;
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    const now = await page.evaluate(() => {
      const message = document.querySelector(".pagefind-ui__message")?.textContent ?? "";
      const results = document.querySelectorAll(".pagefind-ui__result").length;
      const links = document.querySelectorAll(".pagefind-ui__result-link").length;
      return JSON.stringify([message, results, links]);
    });
    const [message, results, links] = JSON.parse(now);
    if (message && results === links && now === last) {
      if (++same >= 3) return;
    } else {
      same = 0;
    }
    last = now;
    await new Promise((done) => setTimeout(done, 150));
  }
  throw new Error(`the search did not settle: ${last}`);
}

async function read(page) {
  return page.evaluate(() => {
    const results = [...document.querySelectorAll(".pagefind-ui__result")].map((result) => ({
      url: new URL(result.querySelector(".pagefind-ui__result-link").href).pathname,
      title: result.querySelector(".pagefind-ui__result-link").textContent.trim(),
      excerpt: result.querySelector(".pagefind-ui__result-excerpt")?.textContent.trim() ?? "",
    }));
    const filters = {};
    for (const block of document.querySelectorAll(".pagefind-ui__filter-block")) {
      const name = block.querySelector(".pagefind-ui__filter-name")?.textContent.trim() ?? "";
      filters[name] = [...block.querySelectorAll(".pagefind-ui__filter-value")].map((value) =>
        value.querySelector(".pagefind-ui__filter-label")?.textContent.trim(),
      );
    }
    const message = document.querySelector(".pagefind-ui__message")?.textContent.trim() ?? "";
    return { message, results, filters };
  });
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const report = [];
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) =>
    new URL(route.request().url()).host === base.host ? route.continue() : route.abort(),
  );
  const errors = [];
  let page;
  for (const query of queries) {
    await page?.close();
    page = await context.newPage();  // a fresh page each time: nothing of the last search stays
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(new URL(`cari/?q=${encodeURIComponent(query.q)}`, base).href);
    await settled(page);
    let unfiltered = false;
    if (query.filter) {
      const [group, value] = query.filter;
      const block = page.locator(".pagefind-ui__filter-block", { hasText: group });
      if ((await block.count()) === 1) {
        if (!(await block.evaluate((element) => element.open))) await block.locator("summary").click();
        await block.locator(`input[value=${JSON.stringify(value)}]`).check();
        await settled(page);
      } else {
        unfiltered = true; // an index without that filter (an older one): its results unfiltered
      }
    }
    // all results, not the first page only
    while (await page.locator(".pagefind-ui__button").isVisible()) {
      await page.locator(".pagefind-ui__button").click();
      await settled(page);
    }
    report.push({ ...query, unfiltered, ...(await read(page)) });
  }
  const label = await page.evaluate(() => {
    const input = document.querySelector(".pagefind-ui__search-input");
    return input ? { type: input.type, labelled: Boolean(input.labels?.length || input.getAttribute("aria-label")) } : null;
  });
  process.stdout.write(JSON.stringify({ report, errors, input: label }) + "\n");
} finally {
  await browser.close();
}
