// When a browser test fails, says what each open page showed: its address, the error alerts and
// messages on it, and a full-page screenshot under e2e/artifacts/failed/. CI keeps only the run's
// output, so the text is what tells a timing flake from a refused request.
import { mkdirSync } from 'node:fs';
import { afterEach } from 'vitest';
import { openBrowsers } from './harness.ts';

afterEach(async ({ task }) => {
  if (task.result?.state !== 'fail') return;
  mkdirSync('e2e/artifacts/failed', { recursive: true });
  let n = 0;
  for (const browser of openBrowsers) {
    for (const context of browser.contexts()) {
      for (const page of context.pages()) {
        n += 1;
        const file = `e2e/artifacts/failed/${task.name.replace(/\W+/g, '-').slice(0, 60)}-${n}.png`;
        const shown = await page
          .locator('.ant-alert-error, .ant-message-notice, .ant-notification-notice, .adm-toast-main')
          .allInnerTexts()
          .catch((error: Error) => [`(unreadable: ${error.message})`]);
        await page.screenshot({ path: file, fullPage: true }).catch(() => undefined);
        console.error(
          `[failed: ${task.name}] page ${n} at ${page.url()}; shown: ${JSON.stringify(shown)}; ${file}`,
        );
      }
    }
  }
});
