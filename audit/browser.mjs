// Screenshots and a search in headless Chromium, for audit/run.py (which passes one JSON job).
// Puppeteer drives Debian's Chromium: pages are loaded until the network is idle, so the
// search page's script, index and results are there when it is photographed.
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
const report = { shots: [], search: null, errors: [] };
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
    await page.waitForSelector(".pagefind-ui__result-link", { timeout: 15000 }).catch(() => null);
    report.search = await page.$$eval(".pagefind-ui__result-link", (links) => links.map((a) => a.getAttribute("href")));
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
