/**
 * Debian's Chromium driven by playwright-core (never a downloaded browser), with the flags this
 * machine's closed network needs.
 */
import { mkdir } from 'node:fs/promises';
import {
  type Browser,
  type BrowserContext,
  chromium,
  type Locator,
  type Page,
  type Request,
  type WebSocket,
} from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Language } from '../../shared/i18n/languages.ts';
import { DEMO_PASSWORD } from './clients.ts';
import { lateBound } from './lateBound.ts';
import { startServer, type TestServer, type TestServerOptions } from './testServer.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export interface SignedIn {
  context: BrowserContext;
  page: Page;
  /** Errors the page threw or logged, to assert there were none. */
  errors: string[];
  /** Warnings the page logged (a library saying it is misused), to assert there were none. */
  warnings: string[];
  /** The page's last console messages, failed requests and socket events, printed when a test fails. */
  trail: string[];
  /**
   * Resolves once every request the page has begun has been answered or has failed and every socket
   * it opened has closed, and it begins none in the two frames and the task after: for a test that
   * checks that something does not come (a refused request after a sign-out), the moment the page
   * has nothing left on its way, rather than a fixed wait. A page that keeps a socket open never
   * settles: use it where none should be open.
   */
  settled(): Promise<void>;
}

const TRAIL_LENGTH = 40;

export interface SignInOptions {
  /**
   * The browser's time zone, an IANA name ('Asia/Tokyo'). Without it the machine's (UTC on CI), in
   * which a time converted the wrong way between the reader's zone and UTC reads the same.
   */
  timezoneId?: string;
  /**
   * A language picked in the sign-in page's picker before signing in: kept on this device only,
   * so the person's stored language (null for the demo people) does not follow it.
   */
  language?: Language;
  /**
   * Signs in with the API (`POST /api/auth/login` from the context, whose cookies it sets as the
   * form's answer would) and then opens `path`, instead of filling the sign-in form: one page load
   * and no form for a test that is not about signing in. Ignored with `language`, which is picked
   * on the sign-in page. A suite sets it for all its sign-ins with `signInThroughApi`.
   */
  throughApi?: boolean;
}

/** A fresh browser context (its own cookies and IndexedDB), signed in through the form. */
export async function signIn(
  browser: Browser,
  baseUrl: string,
  email: string,
  path = '/',
  options: SignInOptions = {},
): Promise<SignedIn> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const warnings: string[] = [];
  const trail: string[] = [];
  const note = (line: string) => {
    trail.push(`${new Date().toISOString().slice(11, 23)} ${line}`);
    if (trail.length > TRAIL_LENGTH) trail.shift();
  };
  page.on('pageerror', (error) => {
    errors.push(error.message);
    note(`pageerror ${error.message}`);
  });
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 40[14]/.test(message.text())) errors.push(message.text());
    if (message.type() === 'warning') warnings.push(message.text());
    note(`console.${message.type()} ${message.text().slice(0, 300)}`);
  });
  page.on('requestfailed', (request) =>
    note(`request failed ${request.method()} ${request.url()}: ${request.failure()?.errorText}`),
  );
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) note(`navigated ${frame.url()}`);
  });
  const pending = new Set<Request>();
  const sockets = new Set<WebSocket>();
  page.on('request', (request) => pending.add(request));
  page.on('requestfinished', (request) => pending.delete(request));
  page.on('requestfailed', (request) => pending.delete(request));
  page.on('websocket', (socket) => {
    note(`socket opened ${socket.url()}`);
    sockets.add(socket);
    socket.on('close', () => {
      sockets.delete(socket);
      note('socket closed');
    });
  });
  const settled = async () => {
    for (;;) {
      await expect.poll(() => pending.size + sockets.size, { timeout: 15_000 }).toBe(0);
      // What the last answers or the socket's close start (a React effect, a retry) begins within a frame or two.
      await page.evaluate(
        () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))),
      );
      if (pending.size + sockets.size === 0) return;
    }
  };
  if (options.throughApi && !options.language) {
    const answer = await context.request.post('/api/auth/login', { data: { email, password: DEMO_PASSWORD } });
    if (!answer.ok()) throw new Error(`sign-in of ${email} through the API: ${answer.status()} ${await answer.text()}`);
  }
  await page.goto(path);
  if (options.language) {
    // The form is then in that language: its fields are found by type, not by their English labels.
    await page.locator('.language-picker select').selectOption(options.language);
    await page.waitForFunction((language) => document.documentElement.lang === language, options.language);
    await page.locator('input[type="email"]').fill(email);
    await page.locator('input[type="password"]').fill(DEMO_PASSWORD);
    await page.locator('form button[type="submit"]').click();
    await page.locator('.site-header__user').waitFor();
  } else {
    if (!options.throughApi) {
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
    }
    // The signed-in person's block of the header, found by its class and not by "Sign out": a person whose stored
    // language is not English gets the header in English only until that language's strings have loaded, and on a
    // loaded machine the wait for "Sign out" missed that moment and timed out (people.test.ts, an Arabic secretariat).
    // A projector view (app/bareShell.ts) drops the header once it shows: on a loaded machine the header was gone
    // before the wait saw it, and the sign-in timed out; its way back says it is signed in as well.
    await page
      .locator('.site-header__user')
      .or(page.getByRole('link', { name: 'Back to the meeting' }))
      .first() // both, while the header is still there
      .waitFor();
  }
  return { context, page, errors, warnings, trail, settled };
}

/**
 * What a failed end-to-end test leaves behind, for a failure that happens only in CI: each open
 * page's address, the text of its main region and its trail on stderr (CI keeps the output), and
 * a screenshot under test-results/e2e-failures/.
 */
async function reportFailure(testName: string, sessions: SignedIn[]): Promise<void> {
  const directory = 'test-results/e2e-failures';
  await mkdir(directory, { recursive: true });
  const slug = testName.replace(/[^A-Za-z0-9]+/g, '-').slice(0, 80);
  for (const [index, session] of sessions.entries()) {
    if (session.page.isClosed()) continue;
    const main = await session.page
      .evaluate(() => (document.querySelector('main') ?? document.body).textContent.replace(/\s+/g, ' ').slice(0, 800))
      .catch((error: Error) => `(unreadable: ${error.message})`);
    await session.page.screenshot({ path: `${directory}/${slug}-${index}.png`, fullPage: true, timeout: 5_000 }).catch(() => {});
    process.stderr.write(
      [`--- failed: ${testName} — page ${index}: ${session.page.url()}`, `main: ${main}`, ...session.trail, '---', ''].join('\n'),
    );
  }
}

/**
 * Puts the caret at the end of the editor's text, as ProseMirror holds it (its state's selection,
 * which the next key acts on) and as the page shows it. ProseMirror reads the selection a task after
 * the key, and a document change in between (the local copy loaded from IndexedDB, a peer's edit)
 * draws its older selection back: the caret once went back to the first line after the check had
 * seen it at the end, and 40 lines went above the agenda. So it is read again a moment later, and
 * the key pressed again until both reads agree.
 */
export async function caretToEnd(page: Page): Promise<void> {
  // Focused, not clicked: a click lands on the text's centre, which on a long agenda can be an item's
  // own control (its details button) rather than the text.
  await page.locator('.ProseMirror').focus();
  const atEnd = () =>
    page.evaluate(() => {
      // Tiptap keeps its editor on the editing element.
      const element = document.querySelector<HTMLElement & { editor?: { state: any } }>('.ProseMirror');
      const state = element?.editor?.state;
      if (!element || !state) return false;
      const end = state.selection.constructor.atEnd(state.doc);
      const focus = window.getSelection()?.focusNode;
      return state.selection.head === end.head && Boolean(focus && element.lastElementChild?.contains(focus));
    });
  await expect
    .poll(async () => {
      await page.keyboard.press('Control+End');
      if (!(await atEnd())) return false;
      await page.waitForTimeout(200);
      return atEnd();
    })
    .toBe(true);
}

/** The text the editor holds selected (its state's selection, which the next key acts on). */
const editorSelection = (page: Page) =>
  page.evaluate(() => {
    const { state } = (
      document.querySelector('.ProseMirror') as HTMLElement & {
        editor: { state: { doc: { textBetween(a: number, b: number): string }; selection: { from: number; to: number } } };
      }
    ).editor;
    return state.doc.textBetween(state.selection.from, state.selection.to);
  });

/**
 * Selects `text` in the editor as a mouse drag would, until the editor holds that selection: it
 * reads the browser's a task later, and a document update in between draws its older one back.
 */
export async function selectInEditor(page: Page, text: string): Promise<void> {
  await expect
    .poll(async () => {
      if ((await editorSelection(page)) === text) return true;
      await page.evaluate((wanted) => {
        const root = document.querySelector<HTMLElement>('.ProseMirror')!;
        const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const index = node.textContent!.indexOf(wanted);
          if (index < 0) continue;
          const range = document.createRange();
          range.setStart(node, index);
          range.setEnd(node, index + wanted.length);
          root.focus();
          window.getSelection()!.removeAllRanges();
          window.getSelection()!.addRange(range);
          return;
        }
        throw new Error(`text not found: ${wanted}`);
      }, text);
      return false;
    })
    .toBe(true);
}

/** Puts the caret right after `text` in the editor (selected, then the selection collapsed to its end), as ProseMirror holds it. */
export async function caretAfter(page: Page, text: string): Promise<void> {
  // The text before the caret, as ProseMirror holds it; null for a selection.
  const before = () =>
    page.evaluate(() => {
      const { state } = (
        document.querySelector('.ProseMirror') as HTMLElement & {
          editor: { state: { doc: { textBetween(a: number, b: number): string }; selection: { empty: boolean; from: number } } };
        }
      ).editor;
      return state.selection.empty ? state.doc.textBetween(0, state.selection.from) : null;
    });
  const there = async () => (await before())?.endsWith(text) ?? false;
  // Read again a moment later, as caretToEnd does: a change in between can draw an older selection back.
  await expect
    .poll(async () => {
      await selectInEditor(page, text);
      await page.keyboard.press('ArrowRight');
      if (!(await there())) return false;
      await page.waitForTimeout(200);
      return there();
    })
    .toBe(true);
}

/** Types a new paragraph at the end of the page's editor. */
export async function typeAtEnd(page: Page, text: string): Promise<void> {
  await caretToEnd(page);
  await page.keyboard.press('Enter');
  await page.keyboard.type(text);
}

/** Presses Enter on a control as a keyboard user does: focus it, then the key. */
export async function pressEnterOn(control: Locator): Promise<void> {
  await control.focus();
  await control.page().keyboard.press('Enter');
}

/**
 * What has the keyboard's focus, in words for an assertion: "BODY" (nothing: the page), a field by
 * its label ("INPUT Title"), a control by its accessible name when it has an aria-label, else the
 * element and its text ("BUTTON New meeting", "H3 Waiting to speak (0)").
 */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const element = document.activeElement;
    if (!element || element === document.body) return 'BODY';
    const label = (element as HTMLInputElement).labels?.[0]?.textContent ?? element.getAttribute('aria-label');
    return `${element.tagName} ${(label ?? element.textContent ?? '').trim().slice(0, 60)}`;
  });
}

export interface BrowserSuite {
  /** The server of the file's tests, with the demo consultation. */
  server: TestServer;
  browser: Browser;
  /** `signIn` on this suite's browser and server; the context is closed after the file's tests. */
  signIn(email: string, path?: string, options?: SignInOptions): Promise<SignedIn>;
  /** With `closeContextsAfterEachTest`: leaves `session` open for the file's next tests (closed after the file). */
  keepForLaterTests(session: SignedIn): SignedIn;
}

export interface BrowserSuiteOptions {
  /**
   * Closes, after each test, the contexts that test opened through `signIn` (not those opened in a
   * beforeAll). For a file whose tests share no page: every page left open stays connected and
   * redraws on each live change of the meeting, so a long file's later tests ran next to a score of
   * idle pages. A page a test hands on to the next is kept with `keepForLaterTests` (test/e2e/cycle.test.ts).
   */
  closeContextsAfterEachTest?: boolean;
  /** Every `signIn` of the suite through the API (`SignInOptions.throughApi`) unless it says `throughApi: false`. */
  signInThroughApi?: boolean;
}

/**
 * For an end-to-end test file: a server and a browser started before its tests (beforeAll) and
 * closed after them (afterAll), with every context opened through the suite's `signIn`.
 *
 *   const { server, signIn } = browserSuite();
 */
export function browserSuite(options: TestServerOptions = {}, suiteOptions: BrowserSuiteOptions = {}): BrowserSuite {
  let startedServer: TestServer | undefined;
  let startedBrowser: Browser | undefined;
  const sessions: SignedIn[] = [];
  /** The sessions opened by the test running now, when a test is running. */
  let ofThisTest: SignedIn[] | undefined;
  beforeAll(async () => {
    startedServer = await startServer(options);
    startedBrowser = await launchBrowser();
  });
  beforeEach(() => {
    ofThisTest = [];
  });
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await reportFailure(task.name, sessions);
    if (suiteOptions.closeContextsAfterEachTest) {
      for (const session of ofThisTest ?? []) await session.context.close().catch(() => {});
    }
    ofThisTest = undefined;
  });
  afterAll(async () => {
    for (const session of sessions) await session.context.close().catch(() => {});
    await startedBrowser?.close();
    await startedServer?.close();
  });
  const server = lateBound('The server of browserSuite()', () => startedServer);
  const browser = lateBound('The browser of browserSuite()', () => startedBrowser);
  return {
    server,
    browser,
    async signIn(email, path, options) {
      const session = await signIn(browser, server.baseUrl, email, path, {
        throughApi: suiteOptions.signInThroughApi,
        ...options,
      });
      sessions.push(session);
      ofThisTest?.push(session);
      return session;
    },
    keepForLaterTests(session) {
      ofThisTest = ofThisTest?.filter((opened) => opened !== session);
      return session;
    },
  };
}

/**
 * Opens the Versions tab and the diff "since" a named version, with the tab's and button's names in
 * the page's language (the catalogue's `versions` strings); resolves to the diff's dialog.
 */
export async function openChangesSince(
  page: Page,
  labels: { title: string; changesSince: string },
  versionName: string,
): Promise<Locator> {
  await page.getByRole('tab', { name: labels.title }).click();
  await page.locator('.versions__item', { hasText: versionName }).getByRole('button', { name: labels.changesSince }).click();
  return page.getByRole('dialog');
}
