/** Asserts that a page is valid HTML by html-validate's recommended rules (the public pages are written by hand). */
import { HtmlValidate } from 'html-validate';
import { expect } from 'vitest';

const validator = new HtmlValidate({ extends: ['html-validate:recommended'] });

export async function expectValidHtml(body: string): Promise<void> {
  const report = await validator.validateString(body);
  const messages = report.results.flatMap((result) =>
    result.messages.map((message) => `${message.ruleId}: ${message.message} (line ${message.line})`),
  );
  expect(messages).toEqual([]);
}
