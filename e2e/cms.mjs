// The CMS in a real browser (`make e2e`, tests/devserver/test_cms_browser.py): `sitegen serve`
// on a copy of the portal, Decap CMS at /admin/ driven through its form in Debian's Chromium.
// A story is created (title, date, editor, place, tags, a photo with alt text), checked with
// `sitegen check` and looked for on the preview's home page, then edited and deleted.
// No network: the page's pinned bundle URL is answered from node_modules/decap-cms/dist, and
// every other request off this machine is refused.
//
//   node e2e/cms.mjs [--python PYTHON] [--chromium PATH]     (from the repository's root)
import { spawn, spawnSync } from "node:child_process";
import { cp, mkdtemp, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, "..");
const option = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const python = option("--python", join(repo, ".venv/bin/python"));
const executablePath = option("--chromium", process.env.CHROMIUM || "/usr/bin/chromium");
const decap = JSON.parse(await readFile(join(here, "node_modules/decap-cms/package.json"), "utf8"));
const dist = join(here, "node_modules/decap-cms/dist");
const bundle = new RegExp(`^https://unpkg\\.com/decap-cms@${decap.version.replace(/\./g, "\\.")}/dist/([\\w.-]+)$`);
// a small JPEG, made by Pillow: the photo the editor uploads
const PHOTO = Buffer.from(
  "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAAwAEADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwCzRRRXwR9sFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQB//9k=",
  "base64",
);
const TITLE = "Polres Kupang Gelar Patroli Dialogis di Pasar Oeba";
const EDITED = "Polres Kupang Gelar Patroli Dialogis Malam di Pasar Oeba";
const SLUG = "polres-kupang-gelar-patroli-dialogis-di-pasar-oeba";
const ARTICLE = `content/2024/${SLUG}.md`;

const fail = (message) => {
  throw new Error(message);
};

async function until(what, probe, seconds = 30) {
  const end = Date.now() + seconds * 1000;
  let last;
  while (Date.now() < end) {
    last = await probe().catch((error) => error);
    if (last === true) return;
    await new Promise((done) => setTimeout(done, 250));
  }
  fail(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ""}`);
}

async function exists(path) {
  return stat(path).then(
    () => true,
    () => false,
  );
}

function startServer(site) {
  const child = spawn(python, ["-m", "sitegen", "serve", site, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const url = new Promise((found, failed) => {
    const read = (chunk) => {
      output += chunk;
      const match = output.match(/on (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (match) found(match[1]);
    };
    child.stdout.on("data", read);
    child.stderr.on("data", read);
    child.on("exit", (code) => failed(new Error(`sitegen serve exited (${code}):\n${output}`)));
  });
  return { child, url, output: () => output };
}

async function page_text(url) {
  const response = await fetch(url);
  return response.ok ? response.text() : "";
}

async function publish(page) {
  await page.getByRole("button", { name: "Terbitkan", exact: true }).click();
  await page.getByText("Terbitkan sekarang", { exact: true }).click();
}

const PROFILE = "editors/maria-goreti-ndoen.md";
const site = await mkdtemp(join(tmpdir(), "sitegen-e2e-"));
let server;
let browser;
const steps = [];
try {
  for (const name of ["content", "editors", "layouts", "assets", "site.yaml"]) {
    await cp(join(repo, name), join(site, name), { recursive: true });
  }
  await writeFile(join(site, "photo.jpg"), PHOTO);
  server = startServer(site);
  const base = await server.url;
  browser = await chromium.launch({ executablePath, headless: true });
  const context = await browser.newContext({ timezoneId: "Asia/Makassar", locale: "id-ID" });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, async (route) => {
    const match = route.request().url().match(bundle);
    if (!match) return route.abort();
    return route.fulfill({
      body: await readFile(join(dist, match[1])),
      contentType: "application/javascript",
      headers: { "access-control-allow-origin": "*" },
    });
  });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("dialog", (dialog) => dialog.accept());

  // sign in (the local backend needs no account) and write a new story
  await page.goto(`${base}admin/`);
  await page.getByRole("button", { name: "Masuk" }).click();
  await page.getByText("Berita", { exact: true }).first().waitFor();
  await page.goto(`${base}admin/#/collections/berita/new`);
  await page.locator('input[id^="title-field-"]').fill(TITLE);
  await page.locator('input[id^="date-field-"]').fill("2024-03-14T09:30");
  await page.locator('input[id^="editor-field-"]').fill("Maria Goreti Ndoen");
  await page.locator('input[id^="location-field-"]').fill("Kelurahan Oebobo, Kecamatan Oebobo, Kota Kupang");
  await page.locator('input[id^="tags-field-"]').fill("Polri, Patroli Dialogis");
  await page.getByRole("button", { name: "Pilih foto" }).click();
  await page.locator('input[type="file"]').setInputFiles(join(site, "photo.jpg"));
  await page.getByRole("button", { name: "Pakai yang dipilih" }).click();
  await page.locator('input[id^="alt-field-"]').fill("Polisi berbincang dengan pedagang di Pasar Oeba");
  await page.locator('[contenteditable="true"]').click();
  await page.keyboard.type("Personel Polres Kupang Kota berpatroli dialogis di Pasar Oeba pada Kamis pagi.");
  await publish(page);
  await until(`${ARTICLE} to be written`, () => exists(join(site, ARTICLE)));
  const written = await readFile(join(site, ARTICLE), "utf8");
  steps.push({ step: "created", file: ARTICLE, text: written });
  const photo = written.match(/src: (\S+)/)?.[1] ?? fail(`no photo in the front matter:\n${written}`);
  if (!(await exists(join(site, "content/2024", photo)))) fail(`the photo ${photo} is not beside the article`);
  const check = spawnSync(python, ["-m", "sitegen", "check", site], { encoding: "utf8" });
  if (check.status !== 0) fail(`sitegen check failed (${check.status}):\n${check.stdout}${check.stderr}\n${written}`);
  await until("the story on the home page", async () => (await page_text(base)).includes(TITLE));
  const story = `${base}2024/03/${SLUG}/`;
  await until("the story's page with its photo", async () => (await page_text(story)).includes('alt="Polisi berbincang'));
  steps.push({ step: "previewed", url: story });

  // edit: a new title, saved over the same file
  await page.goto(`${base}admin/#/collections/berita/entries/2024/${SLUG}`);
  const title = page.locator('input[id^="title-field-"]');
  await title.waitFor();
  await until("the entry in the form", async () => (await title.inputValue()) === TITLE);
  await title.fill(EDITED);
  await publish(page);
  await until("the edited file", async () => (await readFile(join(site, ARTICLE), "utf8")).includes(EDITED));
  await until("the edited title on the home page", async () => (await page_text(base)).includes(EDITED));
  steps.push({ step: "edited" });

  // the editor's profile, in the "Profil Penulis" collection: saved in editors/, shown on the editor's page
  await page.goto(`${base}admin/#/collections/penulis/new`);
  await page.locator('input[id^="name-field-"]').fill("Maria Goreti Ndoen");
  await page.locator('input[id^="jabatan-field-"]').fill("Bhabinkamtibmas Kelurahan Oebobo");
  await page.locator('input[id^="satuan-field-"]').fill("Polresta Kupang Kota");
  await page.getByRole("button", { name: "Pilih foto" }).click();
  await page.locator('input[type="file"]').setInputFiles(join(site, "photo.jpg"));
  await page.getByRole("button", { name: "Pakai yang dipilih" }).click();
  await page.getByRole("button", { name: "Tambah Tautan" }).click();
  await page.locator('input[id^="label-field-"]').fill("Surel");
  await page.locator('input[id^="url-field-"]').fill("mailto:maria@wartakamtibmasntt.id");
  await page.locator('textarea[id^="body-field-"]').fill("Bhabinkamtibmas yang menulis dari Kota Kupang.");
  await publish(page);
  await until(`${PROFILE} to be written`, () => exists(join(site, PROFILE)));
  const profile = await readFile(join(site, PROFILE), "utf8");
  steps.push({ step: "profile", file: PROFILE, text: profile });
  const portrait = profile.match(/src: (\S+)/)?.[1] ?? fail(`no photo in the profile:\n${profile}`);
  if (!(await exists(join(site, "editors", portrait)))) fail(`the photo ${portrait} is not beside the profile`);
  const checked = spawnSync(python, ["-m", "sitegen", "check", site], { encoding: "utf8" });
  if (checked.status !== 0) fail(`sitegen check failed (${checked.status}):\n${checked.stdout}${checked.stderr}\n${profile}`);
  await until("the profile on the editor's page", async () => {
    const text = await page_text(`${base}editor/maria-goreti-ndoen/`);
    return text.includes('<p class="jabatan">Bhabinkamtibmas Kelurahan Oebobo</p>') && text.includes("sizes=\"6rem\"");
  });
  await until("the rank in the story's byline", async () => (await page_text(story)).includes("</a>, Bhabinkamtibmas Kelurahan Oebobo</p>"));

  // delete (loaded afresh: Decap keeps the profile's form state across a change of collection by URL)
  await page.goto(`${base}admin/#/collections/berita/entries/2024/${SLUG}`);
  await page.reload();
  await until("the entry in the form", async () => (await title.inputValue()) === EDITED);
  await page.getByRole("button", { name: /Hapus berita/ }).click();
  await until(`${ARTICLE} to be deleted`, async () => !(await exists(join(site, ARTICLE))));
  await until("the story gone from the home page", async () => {
    const home = await page_text(base);
    return home !== "" && !home.includes(EDITED);
  });
  steps.push({ step: "deleted" });
  if (errors.length) fail(`errors in the page: ${errors.join("; ")}`);
  console.log(JSON.stringify({ ok: true, steps }, null, 1));
} catch (error) {
  if (browser) {
    const pages = browser.contexts().flatMap((context) => context.pages());
    if (pages.length) await pages[0].screenshot({ path: join(tmpdir(), "sitegen-e2e-failure.png") }).catch(() => null);
  }
  console.error(`e2e failed: ${error.message}\n(screenshot: ${join(tmpdir(), "sitegen-e2e-failure.png")})`);
  if (server) console.error(server.output());
  process.exitCode = 1;
} finally {
  if (browser) await browser.close();
  if (server) server.child.kill("SIGTERM");
  await rm(site, { recursive: true, force: true });
}
