import { describe, expect, it } from 'vitest';

describe('who the caller is', () => {
  it('comes from the session or the token only: nothing reads an X-Actor header', async () => {
    const { readdirSync, readFileSync, statSync } = await import('node:fs');
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const full = `${dir}/${name}`;
        return statSync(full).isDirectory() ? walk(full) : full.endsWith('.ts') && !full.endsWith('.test.ts') ? [full] : [];
      });
    const readers = walk('src').filter((file) => /x-actor/i.test(readFileSync(file, 'utf8')));
    expect(readers).toEqual([]);
  });
});
