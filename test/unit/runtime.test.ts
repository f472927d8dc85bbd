import { describe, expect, it } from 'vitest';

describe('runtime', () => {
  it('runs on Node.js 24, pinned as a devDependency', () => {
    expect(process.versions.node.split('.')[0]).toBe('24');
  });
});
