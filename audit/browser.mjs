// Screenshots, a search and axe-core in headless Chromium, for audit/run.py (which passes one
// JSON job). Puppeteer drives Debian's Chromium: pages are loaded until the network is idle, so
// the search page's script, index and results are there when it is photographed or checked.
// The audit runs offline: a click-to-load video's YouTube thumbnail (the one image a page may
// load from another host) is answered with a dark JPEG of YouTube's thumbnail size from here.
import puppeteer from "puppeteer-core";

const THUMBNAIL = /^https:\/\/i\.ytimg\.com\/vi\/[\w-]{11}\/hqdefault\.jpg$/;
const DARK_JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
  "base64",
);

const job = JSON.parse(process.argv[2]);
const browser = await puppeteer.launch({
  executablePath: job.chromium,
  headless: true,
  args: job.flags,
  userDataDir: job.profile,
});
const report = { shots: [], search: null, axe: null, errors: [] };
const RESULT = "#hasil a"; // a result's link on the search page (layouts/search.html)
try {
  const page = await browser.newPage();
  page.on("pageerror", (error) => report.errors.push(`${page.url()}: ${error.message}`));
  page.on("requestfailed", (request) => report.errors.push(`${request.url()}: ${request.failure()?.errorText}`));
  // only the thumbnails are intercepted (Chromium's Fetch domain): every other request is untouched
  const devtools = await page.createCDPSession();
  await devtools.send("Fetch.enable", { patterns: [{ urlPattern: "https://i.ytimg.com/*" }] });
  devtools.on("Fetch.requestPaused", ({ requestId, request }) => {
    const answer = THUMBNAIL.test(request.url)
      ? devtools.send("Fetch.fulfillRequest", {
          requestId,
          responseCode: 200,
          responseHeaders: [{ name: "Content-Type", value: "image/jpeg" }],
          body: DARK_JPEG.toString("base64"),
        })
      : devtools.send("Fetch.failRequest", { requestId, errorReason: "BlockedByClient" });
    // a page that navigated away has cancelled the request: nothing to answer
    answer.catch(() => null);
  });
  for (const shot of job.shots) {
    const phone = shot.width < 600;
    await page.setViewport({ width: shot.width, height: shot.height, isMobile: phone, hasTouch: phone });
    await page.goto(shot.url, { waitUntil: "networkidle0", timeout: 30000 });
    if (shot.waitFor) await page.waitForSelector(shot.waitFor, { timeout: 15000 });
    await page.screenshot({ path: shot.path, fullPage: shot.full });
    report.shots.push(shot.path);
  }
  if (job.search) {
    await page.setViewport({ width: 360, height: 800, isMobile: true, hasTouch: true });
    await page.goto(job.search.url, { waitUntil: "networkidle0", timeout: 30000 });
    await page.waitForSelector(RESULT, { timeout: 15000 }).catch(() => null);
    report.search = await page.$$eval(RESULT, (links) => links.map((a) => a.getAttribute("href")));
  }
  if (job.axe) {
    // every rule axe runs by default, and WCAG 2.2's target size (24 × 24 px) besides
    report.axe = [];
    for (const [width, height] of job.axe.screens) {
      const phone = width < 600;
      await page.setViewport({ width, height, isMobile: phone, hasTouch: phone });
      for (const target of job.axe.pages) {
        await page.goto(target.url, { waitUntil: "networkidle0", timeout: 30000 });
        if (target.waitFor) await page.waitForSelector(target.waitFor, { timeout: 15000 });
        await page.addScriptTag({ path: job.axe.source });
        const violations = await page.evaluate(async () => {
          const result = await window.axe.run(document, {
            resultTypes: ["violations"],
            rules: { "target-size": { enabled: true } },
          });
          return result.violations.map((v) => ({
            id: v.id,
            impact: v.impact,
            help: v.help,
            nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 10),
          }));
        });
        report.axe.push({ name: target.name, width, violations });
      }
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
