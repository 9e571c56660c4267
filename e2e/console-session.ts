// What the case journeys share: signing in to the console in a browser or to the API with fetch, making a
// user as an admin would, picking from an antd select and confirming in a dialog.
import type { Locator, Page, Response } from 'playwright-core';
import { expect } from 'vitest';
import type { RunningCivgrid } from './harness.ts';

/** Signs in through the API; answers the session cookie and the user's id. */
export async function apiLogIn(civgrid: RunningCivgrid, username: string, password = 'civgrid-demo') {
  const response = await fetch(`${civgrid.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  expect(response.status, `login ${username}`).toBe(200);
  const { user } = (await response.json()) as { user: { id: string } };
  return { cookie: response.headers.getSetCookie()[0]!.split(';')[0]!, id: user.id };
}

/** A JSON call with a session cookie that must succeed. */
export async function apiCall(
  civgrid: RunningCivgrid,
  method: string,
  path: string,
  cookie: string,
  body?: unknown,
) {
  const response = await fetch(`${civgrid.url}${path}`, {
    method,
    headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}`).toBeLessThan(300);
  return response;
}

export interface NewUser {
  username: string;
  password: string;
  displayName: string;
  role: string;
  scopeCode: string;
}

/** Creates a user as the demo admin does in the console's user page. */
export async function createUser(civgrid: RunningCivgrid, user: NewUser): Promise<void> {
  const admin = await apiLogIn(civgrid, 'admin');
  await apiCall(civgrid, 'POST', '/api/v1/users', admin.cookie, user);
}

/** A desktop browser signed in to the console. */
export async function consoleLogIn(
  civgrid: RunningCivgrid,
  username: string,
  password = 'civgrid-demo',
  height = 900,
): Promise<Page> {
  const context = await civgrid.browser.newContext({ viewport: { width: 1440, height }, locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(`${civgrid.url}/console/login`);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.waitForURL(/\/console\/(?!login)/);
  return page;
}

/** Picks the option containing `text` of the antd select `testId`, again until the select shows it: on a
 *  busy machine the options may arrive, or the list re-render, between the click and the choice. */
export async function pick(page: Page, testId: string, text: string) {
  const select = page.getByTestId(testId);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text });
  await expect
    .poll(
      async () => {
        if ((await select.innerText()).includes(text)) return true;
        await select.click();
        await option
          .first()
          .click({ timeout: 3_000 })
          .catch(() => undefined);
        return (await select.innerText()).includes(text);
      },
      { timeout: 20_000 },
    )
    .toBe(true);
}

/** The case page's status, as its data attribute names it. */
export const caseStatus = (page: Page) => page.getByTestId('case-status').getAttribute('data-status');

/** Clicks `button` in an antd dialog (Modal or Popconfirm) once the dialog's animations have ended, and
 *  answers the response to the request that `sent` recognises. Such a click was once lost (the dialog
 *  stayed open and sent nothing); should it happen again, the test fails here, naming the request, and
 *  not 30 s later on a missing result. */
export async function confirmIn(page: Page, button: Locator, sent: (response: Response) => boolean) {
  await button.evaluate((element) => {
    const dialog = element.closest('.ant-modal, .ant-popover') ?? element;
    const opening = dialog.getAnimations({ subtree: true }).map((a) => a.finished.catch(() => undefined));
    return Promise.race([Promise.all(opening), new Promise((resolve) => setTimeout(resolve, 2_000))]);
  });
  const answer = page.waitForResponse(sent);
  await button.click();
  return answer;
}
