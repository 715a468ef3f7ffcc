import { startServer } from './server.mjs';
import { launchBrowser } from './helpers.mjs';
const s = await startServer({ root: process.env.CRM_DIST });
const b = await launchBrowser();
const p = await (await b.newContext()).newPage();
p.on('console', (m) => console.log('console', m.type(), m.text()));
for (const rel of process.argv.slice(2)) {
  await p.goto(s.url + rel);
  await p.waitForTimeout(1500);
  console.log(`==== ${rel} -> ${p.url()}`);
  console.log(await p.locator('body').ariaSnapshot());
}
await b.close(); await s.close();
