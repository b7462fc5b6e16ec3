// Screenshots and a search in headless Chromium, for audit/run.py (which passes one JSON job).
// Puppeteer drives Debian's Chromium: pages are loaded until the network is idle, so the
// search page's script, index and results are there when it is photographed.
import puppeteer from "puppeteer-core";

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
