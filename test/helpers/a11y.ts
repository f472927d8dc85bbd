/**
 * Accessibility checks in Chromium with axe-core (WCAG 2.1 A and AA rules): injected into the
 * page, run, and every violation reported with the elements it concerns. Text whose colour is its
 * background's counts too: axe leaves it "incomplete" (it may be hidden on purpose), but on this
 * board it never is, and the header's navigation was once invisible that way (blue on blue).
 */

import fs from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface A11yViolation {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** What axe says of one rule (only the fields read here). */
interface AxeResult {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; any: { data?: { messageKey?: string } | null }[] }[];
}

export async function a11yViolations(page: Page, options: { exclude?: string[] } = {}): Promise<A11yViolation[]> {
  // evaluate() runs outside the page's Content-Security-Policy, which the client runs under.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return page.evaluate(async (exclude) => {
    const axe = (
      window as unknown as {
        axe: {
          run: (context: unknown, options: unknown) => Promise<Record<'violations' | 'incomplete', AxeResult[]>>;
        };
      }
    ).axe;
    const result = await axe.run(
      { include: [document], exclude: exclude.map((selector) => [selector]) },
      { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } },
    );
    const invisibleText = result.incomplete
      .filter((rule) => rule.id === 'color-contrast')
      .map((rule) => ({
        ...rule,
        help: 'Text has the colour of its background (1:1 contrast)',
        nodes: rule.nodes.filter((node) => node.any.some((check) => check.data?.messageKey === 'equalRatio')),
      }))
      .filter((rule) => rule.nodes.length > 0);
    return [...result.violations, ...invisibleText].map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  }, options.exclude ?? []);
}
