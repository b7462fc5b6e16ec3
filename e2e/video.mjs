// The click-to-load video in a real browser (tests/render/test_video_browser.py): an article page
// served from this machine is opened in Debian's Chromium; every request the page makes is
// recorded (page.on("request")), before and after the reader taps play. No network: YouTube's
// thumbnail is answered with a small JPEG from here, every other request off this machine is
// aborted (the player's own request fails offline, which is fine: the iframe is what is checked).
// With --no-js the page runs no script: the player must be a plain link to the video.
//
//   node e2e/video.mjs --url http://127.0.0.1:PORT/2023/12/falas/ [--chromium PATH] [--no-js]
//
// Prints a JSON report: the requests to other hosts before the tap, the iframe's src after it.
import { chromium } from "playwright-core";

const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const url = option("--url");
const executablePath = option("--chromium", process.env.CHROMIUM || "/usr/bin/chromium");
const javaScriptEnabled = !process.argv.includes("--no-js");
// a 1×1 JPEG: what the thumbnail request gets instead of YouTube's
const JPEG = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgyPC4zNDL/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACf/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AKp//2Q==",
  "base64",
);

const local = new URL(url).host;
const browser = await chromium.launch({ executablePath, headless: true });
try {
  const context = await browser.newContext({ javaScriptEnabled, viewport: { width: 360, height: 740 } });
  const requests = [];
  const page = await context.newPage();
  page.on("request", (request) => requests.push(request.url()));
  await context.route(/^https?:\/\//, (route) => {
    const target = new URL(route.request().url());
    if (target.host === local) return route.continue();
    if (target.host === "i.ytimg.com") return route.fulfill({ status: 200, contentType: "image/jpeg", body: JPEG });
    return route.abort();
  });
  await page.goto(url, { waitUntil: "load" });
  const players = page.locator("figure.video a");
  const count = await players.count();
  // every player scrolled into view: a lazy poster loads now, if ever before the tap
  for (let index = 0; index < count; index += 1) await players.nth(index).scrollIntoViewIfNeeded();
  await page.waitForLoadState("networkidle");
  const other = (list) => list.filter((address) => new URL(address).host !== local);
  const beforeTap = other(requests);
  const links = await players.evaluateAll((anchors) => anchors.map((a) => a.href));
  const report = { players: count, links, beforeTap, iframes: [], afterTap: [] };
  if (count > 0) {
    const seen = requests.length;
    if (javaScriptEnabled) {
      await players.first().click();
      const frame = page.locator('figure.video iframe[src^="https://www.youtube-nocookie.com/embed/"]');
      await frame.first().waitFor({ state: "attached", timeout: 10000 });
      report.iframes = await frame.evaluateAll((frames) =>
        frames.map((f) => ({ src: f.src, title: f.title, allow: f.allow, focused: document.activeElement === f })),
      );
    } else {
      // without script, a tap follows the link to YouTube (aborted here: its request is the proof)
      await Promise.all([page.waitForRequest(/youtube\.com\/watch/), players.first().click()]);
    }
    report.afterTap = other(requests.slice(seen));
  }
  process.stdout.write(JSON.stringify(report));
} finally {
  await browser.close();
}
