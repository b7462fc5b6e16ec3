// Measures built pages in Debian's Chromium for tests/site/test_in_browser.py: where every
// link and button is and how big, whether the main navigation is on the first screen, and what
// an XML file (a feed, the sitemap) renders to through its XSLT stylesheet.
// playwright-core drives the browser; no browser is downloaded and nothing leaves 127.0.0.1.
//
//   node e2e/pages.mjs '{"chromium": "/usr/bin/chromium", "base": "http://127.0.0.1:8000/",
//                        "pages": ["/"], "screens": [[360, 800]], "scripts": [true, false],
//                        "xml": ["/feed.xml"]}'
//
// Prints one JSON report: {"pages": [...], "xml": [...]}.
import { chromium } from "playwright-core";

const job = JSON.parse(process.argv[2]);

// Runs inside the page: every visible link, button and summary with its box, and how the
// test is to judge it.
function measure() {
  const box = (element) => {
    const r = element.getBoundingClientRect();
    return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
  };
  const shown = (element) => {
    const style = getComputedStyle(element);
    const r = element.getBoundingClientRect();
    return style.visibility !== "hidden" && style.display !== "none" && r.width > 0 && r.height > 0;
  };
  // WCAG 2.5.8's "inline" exception, made precise: a link in running text, i.e. inside the
  // article's body (the editor's Markdown, where links sit in sentences) or in a paragraph
  // whose own text beside its links is a sentence (30 characters or more).
  const inline = (element) => {
    if (element.closest(".body")) return true;
    const paragraph = element.closest("p");
    if (!paragraph) return false;
    const copy = paragraph.cloneNode(true);
    copy.querySelectorAll("a").forEach((a) => a.remove());
    return copy.textContent.replace(/\s+/g, " ").trim().length >= 30;
  };
  // standing alone: the main navigation, the footer, the pagination and an article's kicker
  const alone = (element) =>
    Boolean(element.closest('nav[aria-label="Navigasi utama"], footer.site-footer, .pagination, .kicker'));
  const targets = [...document.querySelectorAll("a[href], button, summary, input[type=submit]")]
    .filter(shown)
    .filter((element) => !element.classList.contains("skip"))
    .map((element) => ({
      tag: element.tagName.toLowerCase(),
      text: element.textContent.replace(/\s+/g, " ").trim().slice(0, 60),
      href: element.getAttribute("href"),
      box: box(element),
      inline: inline(element),
      alone: alone(element),
    }));
  const nav = document.querySelector('nav[aria-label="Navigasi utama"]');
  return {
    viewport: { width: innerWidth, height: innerHeight },
    scrollWidth: document.documentElement.scrollWidth,
    nav: nav
      ? [...nav.querySelectorAll("a[href]")].map((a) => ({
          text: a.textContent.trim(),
          href: a.getAttribute("href"),
          shown: shown(a),
          box: box(a),
        }))
      : null,
    navBox: nav ? box(nav) : null,
    targets,
  };
}

// The skip link is off-screen until focused: measured where it appears, on Tab.
async function skipLink(page) {
  const skip = page.locator("a.skip");
  if ((await skip.count()) === 0) return null;
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => document.activeElement?.classList.contains("skip") ?? false);
  const r = await skip.boundingBox();
  return { focused, box: r };
}

const browser = await chromium.launch({ executablePath: job.chromium, headless: true });
const report = { pages: [], xml: [], errors: [] };
try {
  for (const scripts of job.scripts ?? [true]) {
    for (const [width, height] of job.screens ?? []) {
      const phone = width < 600;
      const context = await browser.newContext({
        viewport: { width, height },
        isMobile: phone,
        hasTouch: phone,
        javaScriptEnabled: scripts,
      });
      await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
      const page = await context.newPage();
      page.on("pageerror", (error) => report.errors.push(`${page.url()}: ${error.message}`));
      for (const path of job.pages ?? []) {
        const url = new URL(path.replace(/^\//, ""), job.base).href;
        const response = await page.goto(url, { waitUntil: "networkidle" });
        if (job.waitFor?.[path] && scripts) {
          await page.waitForSelector(job.waitFor[path], { timeout: 15000 });
        }
        const measured = await page.evaluate(measure);
        report.pages.push({ path, width, height, scripts, status: response.status(), ...measured, skip: await skipLink(page) });
      }
      await context.close();
    }
  }
  const context = await browser.newContext({ viewport: { width: 360, height: 800 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
  const page = await context.newPage();
  for (const path of job.xml ?? []) {
    const url = new URL(path.replace(/^\//, ""), job.base).href;
    await page.goto(url, { waitUntil: "load" });
    report.xml.push({
      path,
      ...(await page.evaluate(() => ({
        root: document.documentElement.localName,
        lang: document.documentElement.getAttribute("lang"),
        title: document.title,
        h1: [...document.querySelectorAll("h1")].map((h) => h.textContent.trim()),
        items: [...document.querySelectorAll("main li a, main h2 a, main td a")].map((a) => ({
          text: a.textContent,
          href: a.getAttribute("href"),
        })),
        scripts: document.querySelectorAll("script").length,
        text: document.body ? document.body.innerText : document.documentElement.textContent,
      }))),
    });
  }
  await context.close();
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
