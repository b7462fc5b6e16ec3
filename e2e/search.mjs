// The search page in a real browser (tests/write/test_search_browser.py): /cari/ of a built
// site, served at --url, opened in Debian's Chromium for each query; prints, as JSON, what a
// reader sees: the results' links, titles and excerpts, and the filters offered. A query may
// choose one filter value ({"q": …, "filter": ["lokasi", "Kota Kupang"]}) before its results are read.
// Every request off the served host is refused. With --requests, each query runs in a fresh
// browser context (an empty cache, as a first visit) and its report lists the requests made
// for the index (below pagefind/): their paths and body sizes, what a reader downloads.
//
//   node e2e/search.mjs --url http://127.0.0.1:PORT/ --queries '[{"q":"zebra"}]' [--chromium PATH] [--requests]
import { chromium } from "playwright-core";

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const base = new URL(option("--url", "http://127.0.0.1:8000/"));
const queries = JSON.parse(option("--queries", "[]"));
const executablePath = option("--chromium", process.env.CHROMIUM || "/usr/bin/chromium");
const logRequests = process.argv.includes("--requests");

async function newContext(browser) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.route("**/*", (route) =>
    new URL(route.request().url()).host === base.host ? route.continue() : route.abort(),
  );
  return context;
}

async function settled(page) {
  // the search page (layouts/search.html) says "Mencari…" while it searches, then how many it
  // found (or that it found none) and lists them: wait until that holds still for a moment
  let last = "";
  let same = 0;
  const end = Date.now() + 20000;
  while (Date.now() < end) {
    const now = await page.evaluate(() => {
      const message = document.getElementById("status")?.textContent ?? "";
      const results = document.querySelectorAll("#hasil .story").length;
      const links = document.querySelectorAll("#hasil .story h2 a").length;
      return JSON.stringify([message, results, links]);
    });
    const [message, results, links] = JSON.parse(now);
    if (message && message !== "Mencari…" && results === links && now === last) {
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
    const results = [...document.querySelectorAll("#hasil .story")].map((result) => ({
      url: new URL(result.querySelector("h2 a").href).pathname,
      title: result.querySelector("h2 a").textContent.trim(),
      excerpt: result.querySelector(".summary")?.textContent.trim() ?? "",
    }));
    const filters = {};
    for (const select of document.querySelectorAll(".search-filters select")) {
      const name = select.closest("label").firstChild.textContent.trim();
      filters[name] = [...select.options].filter((option) => option.value).map((option) => option.textContent.trim());
    }
    const message = document.getElementById("status")?.textContent.trim() ?? "";
    return { message, results, filters };
  });
}

const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
const report = [];
try {
  let context = await newContext(browser);
  const errors = [];
  let page;
  for (const query of queries) {
    await page?.close();
    if (logRequests) {
      await context.close();
      context = await newContext(browser);
    }
    page = await context.newPage();  // a fresh page each time: nothing of the last search stays
    page.on("pageerror", (error) => errors.push(error.message));
    const requests = [];
    page.on("requestfinished", async (request) => {
      const path = new URL(request.url()).pathname;
      if (logRequests && path.includes("/pagefind/")) {
        const sizes = await request.sizes();
        requests.push({ path, bytes: sizes.responseBodySize });
      }
    });
    // {"q": …, "address": ["tahun", "2024"]}: the filter given in the page's address instead
    const given = query.address ? `&${query.address[0]}=${encodeURIComponent(query.address[1])}` : "";
    await page.goto(new URL(`cari/?q=${encodeURIComponent(query.q)}${given}`, base).href);
    await settled(page);
    let unfiltered = false;
    if (query.filter) {
      const [group, value] = query.filter;
      const select = page.locator(`#f-${group}`);
      if ((await select.count()) === 1) {
        await select.selectOption(value);
        await page.waitForFunction(() => document.getElementById("status").textContent !== "Mencari…");
        await settled(page);
      } else {
        unfiltered = true; // an index without that filter (an older one): its results unfiltered
      }
    }
    report.push({ ...query, unfiltered, ...(await read(page)), ...(logRequests ? { requests } : {}) });
  }
  const label = await page.evaluate(() => {
    const input = document.getElementById("q");
    return input ? { type: input.type, labelled: Boolean(input.labels?.length || input.getAttribute("aria-label")) } : null;
  });
  process.stdout.write(JSON.stringify({ report, errors, input: label }) + "\n");
} finally {
  await browser.close();
}
